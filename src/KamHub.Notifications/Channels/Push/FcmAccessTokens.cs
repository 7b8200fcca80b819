using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Push;

/// <summary>
/// OAuth access tokens for FCM from the service account: Google.Apis.Auth signs the JWT assertion (RS256), exchanges it at the
/// token endpoint and caches the token until shortly before it expires, refreshing once for all concurrent senders.
/// </summary>
internal sealed class FcmAccessTokens(IOptionsMonitor<FcmOptions> options, TimeProvider time)
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly Lazy<ServiceAccountCredential> _credential = new(() => Create(options.CurrentValue, time));

    public async Task<string> GetAsync(string provider, CancellationToken ct)
    {
        try
        {
            return await _credential.Value.GetAccessTokenForRequestAsync(cancellationToken: ct);
        }
        catch (TokenResponseException ex)
        {
            // invalid_grant and friends: the key is wrong or revoked, which another provider does not share.
            throw new ChannelProviderException(provider, $"OAuth token refused: {ex.Error?.Error} {ex.Error?.ErrorDescription}".TrimEnd(), transient: true, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new ChannelProviderException(provider, $"OAuth token endpoint unreachable: {ex.Message}", transient: true, ex);
        }
    }

    private static ServiceAccountCredential Create(FcmOptions settings, TimeProvider time)
    {
        var key = FcmServiceAccount.Load(settings);
        var tokenUri = !string.IsNullOrWhiteSpace(settings.TokenUri) ? settings.TokenUri
            : !string.IsNullOrWhiteSpace(key.TokenUri) ? key.TokenUri
            : FcmServiceAccount.DefaultTokenUri;
        var initializer = new ServiceAccountCredential.Initializer(key.ClientEmail, tokenUri)
        {
            Scopes = [Scope],
            KeyId = key.PrivateKeyId,
            ProjectId = settings.ProjectId ?? key.ProjectId,
            Clock = new GoogleClock(time),
        }.FromPrivateKey(key.PrivateKey);
        return new ServiceAccountCredential(initializer);
    }

    /// <summary>Google's clock from the host's TimeProvider, so token expiry follows the clock tests move.</summary>
    private sealed class GoogleClock(TimeProvider time) : Google.Apis.Util.IClock
    {
        public DateTime Now => time.GetLocalNow().DateTime;

        public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    }
}
