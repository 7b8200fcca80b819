namespace KamHub.Discovery.Contracts;

/// <summary>What other modules (Identity, when an admin onboards an operator's user) may ask about operator organisations.</summary>
public interface IOperatorDirectory
{
    Task<bool> ExistsAsync(Guid operatorId, CancellationToken ct);
}
