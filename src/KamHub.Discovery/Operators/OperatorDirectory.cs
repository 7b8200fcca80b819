using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Operators;

internal sealed class OperatorDirectory(DiscoveryDbContext db) : IOperatorDirectory
{
    public Task<bool> ExistsAsync(Guid operatorId, CancellationToken ct) => db.Operators.AsNoTracking().AnyAsync(o => o.Id == operatorId, ct);
}
