namespace KamHub.Partners.Contracts;

/// <summary>What other modules may ask about assignments (Booking: may this guide mark attendance on this departure?).</summary>
public interface IAssignmentDirectory
{
    /// <summary>True when <paramref name="userId"/> holds an active assignment in <paramref name="role"/> (guide or transfer) on the departure.</summary>
    Task<bool> IsAssignedAsync(Guid userId, Guid departureId, string role, CancellationToken ct);

    /// <summary>
    /// Why moving the departure to <paramref name="startsAt"/> would put one of its assignees on two overlapping departures
    /// (a sentence for the operator), or null when it would not (ADR 0023). Booking refuses such a reschedule with 409.
    /// </summary>
    Task<string?> RescheduleClashAsync(Guid departureId, DateTimeOffset startsAt, CancellationToken ct);
}

/// <summary>Assignment roles as the API and events spell them.</summary>
public static class AssignmentRoles
{
    public const string Guide = "guide";
    public const string Transfer = "transfer";
}
