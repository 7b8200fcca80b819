using System.Globalization;

namespace KamHub.Core.Features;

/// <summary>
/// Who a flag is evaluated for. <see cref="Key"/> decides the sticky percentage buckets: the same key gets the same
/// answer for the same flag and percentage on every instance, and keeps it when the percentage rises. A signed-in
/// user's key is their user id; a visitor's is <c>visitor:&lt;key&gt;</c> from the <c>X-Visitor-Key</c> header or
/// cookie. <see cref="Groups"/> are the caller's roles (<c>role:Operator</c>) and organisations (<c>operator:&lt;id&gt;</c>).
/// </summary>
public sealed record FlagTarget(string? Key, IReadOnlyList<string> Groups)
{
    public const string RoleGroupPrefix = "role:";
    public const string OperatorGroupPrefix = "operator:";
    public const string VisitorPrefix = "visitor:";

    /// <summary>No caller (background work): a flag is on only when it is on for everyone (enabled at 100 %).</summary>
    public static readonly FlagTarget Nobody = new(null, []);

    public static FlagTarget ForUser(Guid userId, IEnumerable<string>? roles = null, Guid? operatorId = null)
    {
        var groups = (roles ?? []).Select(RoleGroup).ToList();
        if (operatorId is { } id) groups.Add(OperatorGroupPrefix + id.ToString("D", CultureInfo.InvariantCulture));
        return new FlagTarget(userId.ToString("D", CultureInfo.InvariantCulture), groups);
    }

    /// <summary>An anonymous caller known only by a stable key (a cookie, a device id, a session).</summary>
    public static FlagTarget ForVisitor(string key) => new(VisitorPrefix + key, []);

    public static string RoleGroup(string role) => RoleGroupPrefix + role;
}
