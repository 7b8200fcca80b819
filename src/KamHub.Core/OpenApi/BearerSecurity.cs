using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KamHub.Core.OpenApi;

/// <summary>
/// Declares the bearer scheme once and attaches it to every operation that needs a token, so the docs page can send
/// one (its Authorize button) and clients generated from the document add the header where it belongs.
/// </summary>
internal sealed class BearerSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken from POST /api/auth/login (or /api/auth/refresh).",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!EndpointAccess.RequiresToken(context.Description.ActionDescriptor.EndpointMetadata)) return Task.CompletedTask;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        return Task.CompletedTask;
    }
}
