using KamHub.Core.Time;
using KamHub.Identity.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agencies;

/// <param name="Email">The member's sign-in e-mail (null when its account is gone).</param>
internal sealed record AgencyMemberDto(Guid UserId, string? Email, string? Name, bool IsManager, DateTimeOffset AddedAt);

/// <param name="Members">Current members, in the order they joined.</param>
internal sealed record AgencyDto(Guid Id, string Name, string ContactEmail, DateTimeOffset CreatedAt, IReadOnlyList<AgencyMemberDto> Members)
{
    /// <summary>The agencies with their members, each member's contact asked of the directory.</summary>
    public static async Task<List<AgencyDto>> OfAsync(PartnersDbContext db, IUserDirectory users, IReadOnlyList<Agency> agencies, CancellationToken ct)
    {
        var ids = agencies.Select(a => a.Id).ToList();
        var members = await db.AgencyMembers.AsNoTracking().Where(m => ids.Contains(m.AgencyId)).ToListAsync(ct);
        var shown = new Dictionary<Guid, AgencyMemberDto>();
        foreach (var m in members) shown[m.AgentUserId] = await MemberAsync(m, users, ct);
        return agencies.Select(a => new AgencyDto(a.Id, a.Name, a.ContactEmail, StoredTime.Utc(a.CreatedAt),
            members.Where(m => m.AgencyId == a.Id).OrderBy(m => m.AddedAt).ThenBy(m => m.AgentUserId).Select(m => shown[m.AgentUserId]).ToList())).ToList();
    }

    public static async Task<AgencyMemberDto> MemberAsync(AgencyMember m, IUserDirectory users, CancellationToken ct)
    {
        var contact = await users.FindAsync(m.AgentUserId, ct);
        return new AgencyMemberDto(m.AgentUserId, contact?.Email, contact?.DisplayName, m.IsManager, StoredTime.Utc(m.AddedAt));
    }
}

/// <summary>Oldest first (keyset on the id); <paramref name="NextCursor"/> is null on the last page.</summary>
internal sealed record AgencyPage(IReadOnlyList<AgencyDto> Items, string? NextCursor);

/// <summary>The caller's own agency, and whether it may manage the members.</summary>
internal sealed record MyAgencyDto(AgencyDto Agency, bool IsManager);

/// <summary>What an operator sees of an agency to grant it: no members.</summary>
internal sealed record AgencySummary(Guid Id, string Name, string ContactEmail);

internal sealed record AgencySummaryPage(IReadOnlyList<AgencySummary> Items, string? NextCursor);
