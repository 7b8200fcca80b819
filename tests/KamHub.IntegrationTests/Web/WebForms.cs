using System.Net;
using System.Text.RegularExpressions;

namespace KamHub.IntegrationTests.Web;

/// <summary>The pages' forms over plain HTTP, as a browser posts them (with the anti-forgery token of the page).</summary>
internal static partial class WebForms
{
    public static string AntiforgeryTokenOf(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/signin");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(
            [new("Email", email), new("Password", password), new("__RequestVerificationToken", AntiforgeryTokenOf(form))]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
