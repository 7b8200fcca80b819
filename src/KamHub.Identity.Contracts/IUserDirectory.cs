namespace KamHub.Identity.Contracts;

/// <summary>What other modules (Notifications) may ask about users; they never read Identity's tables.</summary>
public interface IUserDirectory
{
    Task<UserContact?> FindAsync(Guid userId, CancellationToken ct);

    /// <summary>A user by e-mail (any case), or null (Booking's demo seeder finds the demo tourist).</summary>
    Task<UserContact?> FindByEmailAsync(string email, CancellationToken ct);

    /// <summary>The users acting for an operator organisation (who hear about its new bookings).</summary>
    Task<IReadOnlyList<UserContact>> OperatorUsersAsync(Guid operatorId, CancellationToken ct);
}

public sealed record UserContact(Guid UserId, string Email, string? DisplayName, string Role, Guid? OperatorId);
