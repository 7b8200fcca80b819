using System.Security.Claims;
using KamHub.Core.Security;
using KamHub.Partners.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Discovery.Tours.ChangeStatus;

/// <summary>
/// An operator publishes only once its organisation is approved (Partners' onboarding, ADR 0020); an admin may publish
/// for anyone. Without a Partners module every operator may publish.
/// </summary>
internal static class PublishingAllowed
{
    public static async Task<bool> ForAsync(IServiceProvider services, ClaimsPrincipal user, Guid operatorId, CancellationToken ct) =>
        user.IsAdmin() || services.GetService<IOperatorStanding>() is not { } standing || await standing.MayPublishAsync(operatorId, ct);
}
