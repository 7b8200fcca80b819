using KamHub.Core.Events;
using KamHub.Identity.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;
using KamHub.Partners.Contracts;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// operator.approved / operator.rejected → an e-mail to each of the organisation's users (ADR 0020): the application or
/// the payout-details change was approved (it may publish, or be paid out, now), or rejected with the admin's reason.
/// </summary>
internal sealed class OperatorDecisionHandler(IUserDirectory users, RecipientProfiles profiles, NotificationPlanner planner) : IEventHandler
{
    public const string Subscriber = "notifications.operator-decisions";
    public const string Pattern = "operator.*";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var (operatorId, type, model) = envelope.Type switch
        {
            OperatorApproved.EventName => Approved(envelope.PayloadAs<OperatorApproved>()),
            OperatorRejected.EventName => Rejected(envelope.PayloadAs<OperatorRejected>()),
            _ => (Guid.Empty, "", new NotificationModel()),
        };
        if (type.Length == 0) return;
        foreach (var user in await users.OperatorUsersAsync(operatorId, ct))
        {
            var profile = await profiles.ForAsync(user.UserId, operatorId, null, ct);
            // One message per decision (the event) and person: a redelivery finds its key taken.
            await planner.PlanAsync(profile, type, ChannelNames.Email, NotificationCategory.Transactional, user.Email, $"{type}:{envelope.Id:N}:{user.UserId:N}",
                model with { RecipientName = string.IsNullOrWhiteSpace(user.DisplayName) ? null : user.DisplayName.Trim() }, ct);
        }
    }

    private static (Guid, string, NotificationModel) Approved(OperatorApproved e) =>
        (e.OperatorId, NotificationTypes.OperatorApproved, new NotificationModel { DecisionScope = e.Scope });

    private static (Guid, string, NotificationModel) Rejected(OperatorRejected e) =>
        (e.OperatorId, NotificationTypes.OperatorRejected, new NotificationModel { DecisionScope = e.Scope, Reason = e.Reason });
}
