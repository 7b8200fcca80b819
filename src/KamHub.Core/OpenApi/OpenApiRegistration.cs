using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.OpenApi;

public static class OpenApiRegistration
{
    /// <summary>The OpenAPI document (ADR 0015): the framework's generator plus the bearer scheme and the platform's problem answers.</summary>
    public static IServiceCollection AddKamHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurity>();
            o.AddOperationTransformer<BearerSecurity>();
            o.AddOperationTransformer<ProblemResponses>();
            o.AddSchemaTransformer<JsonSchemaFixes>();
        });
}
