using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KamHub.Core.OpenApi;

/// <summary>
/// Documents the problem+json answers that come from the platform rather than from a handler's own code, derived
/// from the endpoint's shape: 400 when it takes input (binding and validation), 401/403 from its authorization, 404
/// when the route names a resource, 409 for writes (concurrency and unique-value conflicts, GlobalExceptionHandler),
/// 413 for bodies, 429 everywhere (anonymous requests are rate limited on every route). What only a handler knows
/// (a 422, a 404 of a referenced resource) it declares itself with <c>ProducesProblem</c>.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer
{
    public const string ContentType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var inputs = description.ParameterDescriptions.Where(p => p.Source != BindingSource.Services && p.Source != BindingSource.Special).ToList();
        var write = !HttpMethods.IsGet(description.HttpMethod ?? "") && !HttpMethods.IsHead(description.HttpMethod ?? "");

        var codes = new List<(int Status, string Text, Type Schema)>();
        if (inputs.Count > 0) codes.Add((400, "Malformed input or invalid fields; errors names each field.", typeof(HttpValidationProblemDetails)));
        if (EndpointAccess.RequiresToken(metadata)) codes.Add((401, "No valid bearer token.", typeof(ProblemDetails)));
        if (EndpointAccess.RequiresPermission(metadata)) codes.Add((403, "The signed-in user's role does not allow this.", typeof(ProblemDetails)));
        if (inputs.Any(p => p.Source == BindingSource.Path)) codes.Add((404, "The resource named in the path does not exist (or is not visible to this user).", typeof(ProblemDetails)));
        if (write) codes.Add((409, "A conflicting change: the resource changed meanwhile or a unique value is taken.", typeof(ProblemDetails)));
        if (inputs.Any(p => p.Source == BindingSource.Body)) codes.Add((413, "The request body is larger than the server accepts.", typeof(ProblemDetails)));
        codes.Add((429, "Too many requests; Retry-After says when to try again.", typeof(ProblemDetails)));

        operation.Responses ??= [];
        foreach (var (status, text, schema) in codes)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType> { [ContentType] = new() { Schema = await ReferenceAsync(schema, context, cancellationToken) } },
            };
        }
    }

    /// <summary>One component per problem type, shared by every operation (the framework's own names, so nothing is defined twice).</summary>
    private static async Task<IOpenApiSchema> ReferenceAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var name = type.Name;
        var document = context.Document!;
        if (document.Components?.Schemas is not { } schemas || !schemas.ContainsKey(name))
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, ct));
        return new OpenApiSchemaReference(name, document);
    }
}
