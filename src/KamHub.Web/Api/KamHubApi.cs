using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Web.Auth;
using Microsoft.AspNetCore.Http;

namespace KamHub.Web.Api;

/// <summary>
/// The pages' only way to the modules: their public HTTP API, called like any outside client. It carries the signed-in
/// user's bearer token from the session cookie, the visitor's address (the API trusts X-Forwarded-For from loopback, so
/// rate limits and sign-in throttling still see the real client) and the page's language.
/// </summary>
internal sealed class KamHubApi(HttpClient http, IHttpContextAccessor accessor, ApiAddress address)
{
    public const string ClientName = "kamhub-web-api";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken ct, string? idempotencyKey = null) =>
        SendAsync<T>(HttpMethod.Post, path, body, idempotencyKey, ct);

    /// <summary>A text answer (the Prometheus scrape); null when refused.</summary>
    public async Task<string?> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(address.Base(), path.TrimStart('/')), ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : null;
    }

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken ct) => SendAsync<T>(HttpMethod.Put, path, body, null, ct);

    public Task<ApiResult<T>> PatchAsync<T>(string path, object body, CancellationToken ct) => SendAsync<T>(HttpMethod.Patch, path, body, null, ct);

    public Task<ApiResult<object>> DeleteAsync(string path, CancellationToken ct) => SendAsync<object>(HttpMethod.Delete, path, null, null, ct);

    /// <summary>An upload: one file as the multipart part <paramref name="field"/>, streamed from the page's own upload.</summary>
    public async Task<ApiResult<T>> PostFileAsync<T>(string path, string field, string fileName, Stream content, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return await SendAsync<T>(HttpMethod.Post, path, form, null, ct);
    }

    /// <summary>A download: the bytes with their type and name, or the problem.</summary>
    public async Task<ApiResult<ApiFile>> GetFileAsync(string path, CancellationToken ct)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, null);
        using var response = await http.SendAsync(request, ct);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode) return new ApiResult<ApiFile>(status, null, ApiProblem.Read(status, await response.Content.ReadAsStringAsync(ct)));
        var headers = response.Content.Headers;
        return new ApiResult<ApiFile>(status, new ApiFile(await response.Content.ReadAsByteArrayAsync(ct), headers.ContentType?.MediaType ?? "application/octet-stream",
            (headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName)?.Trim('"') ?? "download"), null);
    }

    /// <summary>As <see cref="PostAsync{T}"/> with a token given explicitly (sign-in, before the cookie exists).</summary>
    public Task<ApiResult<T>> GetWithTokenAsync<T>(string path, string accessToken, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Get, path, null, null, ct, accessToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken ct, string? token = null)
    {
        using var request = await RequestAsync(method, path, token);
        // A body that is already HTTP content (an upload's form) goes as it is; anything else as JSON.
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body, options: Json);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);

        using var response = await http.SendAsync(request, ct);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) return new ApiResult<T>(status, default, ApiProblem.Read(status, text));
        var value = text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text, Json);
        return new ApiResult<T>(status, value, null);
    }

    /// <summary>A request carrying the person's token, address and language.</summary>
    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, new Uri(address.Base(), path.TrimStart('/')));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName));
        var context = accessor.HttpContext;
        token ??= context is null ? null : await SessionTokens.AccessTokenAsync(context);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (context?.Connection.RemoteIpAddress is { } client) request.Headers.TryAddWithoutValidation("X-Forwarded-For", client.ToString());
        return request;
    }
}

/// <summary>A file the API answered with.</summary>
internal sealed record ApiFile(byte[] Content, string ContentType, string FileName);
