using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KamHub.IntegrationTests.Notifications.Channels;

/// <summary>
/// Google's OAuth token endpoint and the FCM v1 API on one fake: the token endpoint checks the service account's RS256
/// assertion with the key's public half (Google's audience is its own token URL, wherever the exchange is sent) and hands out numbered access tokens; FCM answers with <see cref="Fcm"/>.
/// </summary>
internal sealed class FakeGoogle : IAsyncDisposable
{
    public const string ClientEmail = "kamhub-push@kamhub-test.iam.gserviceaccount.com";
    public const string ProjectId = "kamhub-test";

    /// <summary>One key for every test: making a 2048-bit key costs most of a second.</summary>
    private static readonly RSA Key = RSA.Create(2048);
    private int _tokensIssued;

    private FakeGoogle(FakeProviderServer server) => Server = server;

    public FakeProviderServer Server { get; }

    public int TokensIssued => _tokensIssued;

    /// <summary>What FCM answers to a send (default: accepted).</summary>
    public Func<HttpResponse, Task> Fcm { get; set; } = r => FakeProviderServer.Json(r, 200, $$"""{"name":"projects/{{ProjectId}}/messages/0:1500"}""");

    public Func<HttpResponse, Task>? Token { get; set; }

    public Uri TokenUri => new(Server.BaseAddress, "/token");

    public IEnumerable<RecordedRequest> Sends => Server.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal));

    public string ServiceAccountJson => new JsonObject
    {
        ["type"] = "service_account",
        ["project_id"] = ProjectId,
        ["private_key_id"] = "key-1",
        ["private_key"] = Key.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = ClientEmail,
        ["token_uri"] = "https://oauth2.invalid/token",
    }.ToJsonString();

    public static async Task<FakeGoogle> StartAsync()
    {
        FakeGoogle? google = null;
        var server = await FakeProviderServer.StartAsync((request, response) => google!.HandleAsync(request, response));
        google = new FakeGoogle(server);
        return google;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
    }

    private Task HandleAsync(RecordedRequest request, HttpResponse response)
    {
        if (request.Path != "/token") return Fcm(response);
        if (Token is not null) return Token(response);

        var form = request.Form();
        if (form.GetValueOrDefault("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer")
            return FakeProviderServer.Json(response, 400, """{"error":"unsupported_grant_type"}""");
        var jwt = TestJwt.Parse(form["assertion"]);
        var valid = jwt.Header["alg"]?.GetValue<string>() == "RS256"
                    && Key.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                    && jwt.Claims["iss"]?.GetValue<string>() == ClientEmail
                    && jwt.Claims["aud"]?.GetValue<string>() == "https://oauth2.googleapis.com/token"
                    && jwt.Claims["scope"]?.GetValue<string>() == "https://www.googleapis.com/auth/firebase.messaging";
        if (!valid) return FakeProviderServer.Json(response, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = $"Invalid JWT: {jwt.Header.ToJsonString()} {jwt.Claims.ToJsonString()}" }.ToJsonString());

        var n = Interlocked.Increment(ref _tokensIssued);
        return FakeProviderServer.Json(response, 200, $$"""{"access_token":"ya29.fake-{{n}}","expires_in":3599,"token_type":"Bearer"}""");
    }
}
