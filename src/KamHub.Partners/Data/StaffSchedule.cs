namespace KamHub.Partners.Data;

/// <summary>
/// One row per guide or driver, locked (UPDATE of its version) by every assignment of that person before the overlap
/// check: two operators assigning the same person at once take turns, so the second sees the first's assignment.
/// </summary>
internal sealed class StaffSchedule
{
    public Guid UserId { get; set; }

    public long Version { get; set; }
}
