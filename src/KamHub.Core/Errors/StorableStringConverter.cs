using System.Text.Json;
using System.Text.Json.Serialization;

namespace KamHub.Core.Errors;

/// <summary>
/// Every string of every request body (values and dictionary keys) passes <see cref="StorableText"/> while it is
/// read, so no endpoint can forget the check; the serializer adds the JSON path and the exception handler answers
/// 400 naming the field.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Check(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Check(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string? Check(string? value) =>
        StorableText.IsStorable(value) ? value : throw new JsonException(StorableText.Problem);
}
