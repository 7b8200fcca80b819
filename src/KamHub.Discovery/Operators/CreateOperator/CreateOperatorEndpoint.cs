using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using KamHub.Core.Time;

namespace KamHub.Discovery.Operators.CreateOperator;

internal static class CreateOperatorEndpoint
{
    public const string CacheKey = "tours:operators";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/operators", HandleAsync).RequireAuthorization(AuthenticationRegistration.AdminPolicy).Produces<OperatorDto>(StatusCodes.Status201Created);

    private static async Task<IResult> HandleAsync(CreateOperatorRequest request, DiscoveryDbContext db, HybridCache cache, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors()
            .Required(request.Name, "name", 200)
            .Required(request.Region, "region", 100)
            .Optional(request.Description, "description", 4000, multiline: true)
            .Optional(request.Slug, "slug", 100)
            .Storable(request.Name, "name").Storable(request.Region, "region").Storable(request.Description, "description");
        var slug = request.Slug is null ? Slugs.From(request.Name, "operator") : request.Slug;
        errors.When(request.Slug is not null && Slugs.From(request.Slug, "") != request.Slug, "slug", "must be lower-case letters, digits and single hyphens.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (await db.Operators.AnyAsync(o => o.Slug == slug, ct)) return Problems.Conflict($"An operator with slug '{slug}' exists.");

        var entity = new Operator
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name!.Trim(),
            Slug = slug,
            Region = request.Region!.Trim(),
            Description = request.Description,
            CreatedAt = StoredTime.Now(clock),
        };
        db.Operators.Add(entity);
        await db.SaveChangesAsync(ct);
        await cache.RemoveAsync(CacheKey, ct);
        return TypedResults.Created($"/api/operators/{entity.Id}", OperatorDto.From(entity));
    }
}
