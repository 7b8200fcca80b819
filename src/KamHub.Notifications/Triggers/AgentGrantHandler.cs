using KamHub.Core.Events;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;
using KamHub.Partners.Contracts;
using Microsoft.Extensions.Logging;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// agent.granted / agent.revoked → an e-mail to the agent (ADR 0023), or to each member of the agency granted (the members
/// the event names, as Partners had them when it was written): who granted, at what commission, which tours and for how
/// long; or that the grant was withdrawn. In the agent's language, else the granting operator's.
/// </summary>
internal sealed class AgentGrantHandler(IUserDirectory users, ITourCatalog catalog, RecipientProfiles profiles, NotificationPlanner planner,
    ILogger<AgentGrantHandler> logger) : IEventHandler
{
    public const string Subscriber = "notifications.agent-grants";
    public const string Pattern = "agent.*";

    /// <summary>A grant of more tours than this names the first ones and says how many more (an e-mail, not a catalogue).</summary>
    private const int TitlesShown = 10;

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        Guid grantId, operatorId;
        IReadOnlyList<Guid> recipients;
        bool agency;
        string type;
        NotificationModel model;
        if (envelope.Type == AgentGranted.EventName)
        {
            var granted = envelope.PayloadAs<AgentGranted>();
            agency = granted.AgencyId is not null;
            (grantId, operatorId, recipients, type, model) = (granted.GrantId, granted.OperatorId, Recipients(granted.AgentUserId, granted.AgencyId,
                granted.MemberUserIds), NotificationTypes.AgentGranted, await GrantedAsync(granted, ct));
        }
        else if (envelope.Type == AgentRevoked.EventName)
        {
            var revoked = envelope.PayloadAs<AgentRevoked>();
            agency = revoked.AgencyId is not null;
            (grantId, operatorId, recipients, type, model) = (revoked.GrantId, revoked.OperatorId, Recipients(revoked.AgentUserId, revoked.AgencyId,
                revoked.MemberUserIds), NotificationTypes.AgentRevoked, new NotificationModel { OperatorName = revoked.OperatorName, AgencyName = revoked.AgencyName });
        }
        else return;

        foreach (var agentId in recipients)
        {
            if (await users.FindAsync(agentId, ct) is not { } agent)
            {
                logger.LogWarning("{Event} names agent {UserId}, whom the directory does not know; nothing to send", envelope.Type, agentId);
                continue;
            }

            var profile = await profiles.ForAsync(agent.UserId, operatorId, null, ct);
            var personal = model with { RecipientName = string.IsNullOrWhiteSpace(agent.DisplayName) ? null : agent.DisplayName.Trim() };
            // One message per grant, decision and person: a redelivered event finds its key taken. An agent's own grant keeps the key it always had.
            var key = agency ? $"{type}:{grantId}:{agentId}" : $"{type}:{grantId}";
            await planner.PlanAsync(profile, type, ChannelNames.Email, NotificationCategory.Transactional, agent.Email, key, personal, ct);
        }
    }

    /// <summary>The agent of a grant to one agent; the agency's members at the moment of the event for a grant to an agency.</summary>
    private static IReadOnlyList<Guid> Recipients(Guid agentUserId, Guid? agencyId, IReadOnlyList<Guid>? members) =>
        agencyId is null ? [agentUserId] : members ?? [];

    /// <summary>The grant's terms; the tours' titles joined (empty titles mean all the operator's tours, which the template says).</summary>
    private async Task<NotificationModel> GrantedAsync(AgentGranted granted, CancellationToken ct)
    {
        var ru = new List<string>();
        var en = new List<string>();
        foreach (var tourId in (granted.TourIds ?? []).Take(TitlesShown))
        {
            if (await catalog.FindAsync(tourId, ct) is not { } tour) continue;
            ru.Add(tour.TitleRu);
            en.Add(tour.TitleEn);
        }

        var more = (granted.TourIds?.Count ?? 0) - TitlesShown;
        return new NotificationModel
        {
            OperatorName = granted.OperatorName,
            AgencyName = granted.AgencyName,
            CommissionPercent = granted.CommissionBasisPoints / 100m,
            ValidFrom = granted.ValidFrom,
            ValidTo = granted.ValidTo,
            TourTitleRu = ru.Count == 0 ? null : string.Join(", ", ru) + (more > 0 ? $" (+{more})" : ""),
            TourTitleEn = en.Count == 0 ? null : string.Join(", ", en) + (more > 0 ? $" (+{more})" : ""),
        };
    }
}
