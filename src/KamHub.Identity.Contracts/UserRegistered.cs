namespace KamHub.Identity.Contracts;

/// <summary>Integration event <c>user.registered</c>: a person signed up or an admin created an account.</summary>
public sealed record UserRegistered(Guid UserId, string Email, string Role, DateTimeOffset OccurredAt)
{
    public const string EventName = "user.registered";
    public const int EventVersion = 1;
}
