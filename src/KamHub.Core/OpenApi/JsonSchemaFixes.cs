using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KamHub.Core.OpenApi;

/// <summary>
/// Two corrections the schema generator cannot make alone. Every string goes through StorableStringConverter (a
/// custom converter hides the type, so strings came out as <c>{}</c>): they are strings again, nullable where the C#
/// type is. A property that may be null may also be left out, so it is not listed as required.
/// </summary>
internal sealed class JsonSchemaFixes : IOpenApiSchemaTransformer
{
    private readonly NullabilityInfoContext _nullability = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var property = context.JsonPropertyInfo;
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null && schema.OneOf is not { Count: > 0 })
            schema.Type = property is not null && IsNullable(property) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Required is { Count: > 0 } required)
        {
            foreach (var nullable in context.JsonTypeInfo.Properties.Where(IsNullable)) required.Remove(nullable.Name);
        }

        return Task.CompletedTask;
    }

    private bool IsNullable(JsonPropertyInfo property)
    {
        lock (_nullability)
        {
            return property.AttributeProvider switch
            {
                PropertyInfo p => _nullability.Create(p).ReadState == NullabilityState.Nullable,
                FieldInfo f => _nullability.Create(f).ReadState == NullabilityState.Nullable,
                _ => Nullable.GetUnderlyingType(property.PropertyType) is not null,
            };
        }
    }
}
