using System.Text.Json;
using ZiggyCreatures.Caching.Fusion.Serialization;

namespace KamHub.Core.Caching;

/// <summary>
/// How entries travel to Redis: System.Text.Json with web defaults. Ours because FusionCache's serializer packages
/// are not in the registry we build from (ADR 0003); it is the same few lines those packages hold.
/// </summary>
internal sealed class JsonCacheSerializer : IFusionCacheSerializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] Serialize<T>(T? obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Json);

    public T? Deserialize<T>(byte[] data) => JsonSerializer.Deserialize<T>(data, Json);

    public ValueTask<byte[]> SerializeAsync<T>(T? obj, CancellationToken token = default) => ValueTask.FromResult(Serialize(obj));

    public ValueTask<T?> DeserializeAsync<T>(byte[] data, CancellationToken token = default) => ValueTask.FromResult(Deserialize<T>(data));
}
