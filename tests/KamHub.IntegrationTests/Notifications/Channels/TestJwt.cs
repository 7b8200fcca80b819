using System.Text;
using System.Text.Json.Nodes;

namespace KamHub.IntegrationTests.Notifications.Channels;

/// <summary>A compact JWS split into its parts, for fakes that check what a provider client signed.</summary>
internal sealed record TestJwt(JsonNode Header, JsonNode Claims, byte[] SigningInput, byte[] Signature)
{
    public static TestJwt Parse(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return new TestJwt(JsonNode.Parse(Decode(parts[0]))!, JsonNode.Parse(Decode(parts[1]))!,
            Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Decode(parts[2]));
    }

    private static byte[] Decode(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}
