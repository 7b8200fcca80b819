using System.Globalization;
using System.Text.Json;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// The portable text form of a value, used by the archive's row files and the copy checkpoints' keys: null, numbers
/// and booleans as JSON; decimals as strings (no binary rounding); guids lower-case; instants ISO 8601 UTC with
/// microseconds; bytes base64. The column's type (from the manifest or the model) says how to read it back.
/// </summary>
public static class ValueJson
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case Guid g: writer.WriteStringValue(g.ToString("D")); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case short s16: writer.WriteNumberValue(s16); break;
            case byte b8: writer.WriteNumberValue(b8); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case decimal d: writer.WriteStringValue(CanonicalValue.Decimal(d)); break;
            case double d: writer.WriteNumberValue(d); break;
            case float f: writer.WriteNumberValue(f); break;
            case DateTime t: writer.WriteStringValue(CanonicalValue.Instant(t)); break;
            case DateTimeOffset o: writer.WriteStringValue(CanonicalValue.Instant(o.UtcDateTime)); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeSpan span: writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            default: throw new DataToolkitException($"The data toolkit cannot write values of type {value.GetType().Name}.");
        }
    }

    public static object? Read(JsonElement element, Type type)
    {
        if (element.ValueKind == JsonValueKind.Null) return null;
        if (type == typeof(string)) return element.GetString();
        if (type == typeof(Guid)) return element.GetGuid();
        if (type == typeof(int)) return element.GetInt32();
        if (type == typeof(long)) return element.GetInt64();
        if (type == typeof(short)) return element.GetInt16();
        if (type == typeof(byte)) return element.GetByte();
        if (type == typeof(bool)) return element.GetBoolean();
        if (type == typeof(decimal)) return decimal.Parse(element.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
        if (type == typeof(double)) return element.GetDouble();
        if (type == typeof(float)) return element.GetSingle();
        if (type == typeof(DateTime)) return DateTime.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        if (type == typeof(byte[])) return element.GetBytesFromBase64();
        if (type == typeof(DateOnly)) return DateOnly.ParseExact(element.GetString()!, "O", CultureInfo.InvariantCulture);
        if (type == typeof(TimeOnly)) return TimeOnly.ParseExact(element.GetString()!, "O", CultureInfo.InvariantCulture);
        if (type == typeof(TimeSpan)) return TimeSpan.ParseExact(element.GetString()!, "c", CultureInfo.InvariantCulture);
        throw new DataToolkitException($"The data toolkit cannot read values of type {type.Name}.");
    }

    /// <summary>A key (or any few values) as a JSON array.</summary>
    public static string ToJson(IEnumerable<object?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values) Write(writer, value);
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static object?[] FromJson(string json, IReadOnlyList<Type> types)
    {
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.EnumerateArray().ToList();
        if (items.Count != types.Count) throw new DataToolkitException($"Expected {types.Count} values, found {items.Count}: {json}");
        return [.. items.Select((e, i) => Read(e, types[i]))];
    }
}
