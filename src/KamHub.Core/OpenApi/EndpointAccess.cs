using Microsoft.AspNetCore.Authorization;

namespace KamHub.Core.OpenApi;

/// <summary>What an endpoint's metadata says about who may call it; the OpenAPI document and its test read the same rules.</summary>
internal static class EndpointAccess
{
    /// <summary>A bearer token is required: some authorization and no AllowAnonymous.</summary>
    public static bool RequiresToken(IEnumerable<object> metadata) =>
        !metadata.OfType<IAllowAnonymous>().Any() && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());

    /// <summary>A token alone is not enough (a named policy or roles): a signed-in user without them gets 403.</summary>
    public static bool RequiresPermission(IEnumerable<object> metadata) =>
        RequiresToken(metadata) && (metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
            || metadata.OfType<AuthorizationPolicy>().Any());
}
