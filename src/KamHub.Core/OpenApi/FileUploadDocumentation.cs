using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace KamHub.Core.OpenApi;

/// <summary>
/// Documents a multipart upload that the handler reads by hand (to hold a size limit while reading and to answer a
/// wrong body with a 400 naming the part). <c>Accepts&lt;T&gt;("multipart/form-data")</c> would document it too, but
/// it also makes routing answer any other body with a bare 415, before the handler can say what it expects.
/// </summary>
public static class FileUploadDocumentation
{
    public static RouteHandlerBuilder DocumentsFileUpload(this RouteHandlerBuilder builder, string part, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { part },
                            Properties = new Dictionary<string, IOpenApiSchema> { [part] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
