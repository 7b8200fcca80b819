using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static KamHub.IntegrationTests.Web.EngagementPagesFixture;

namespace KamHub.IntegrationTests.Web;

/// <summary>
/// The agency pages over HTTP, on the same API as everyone: the console creates an agency with its manager and adds and
/// removes members, the operator's desk grants the agency, and a member's /agent page shows its agency (and lets a manager
/// add and remove members).
/// </summary>
public sealed class AgencyPagesTests(AgencyPagesTests.Host host) : IClassFixture<AgencyPagesTests.Host>
{
    private const string Password = "Agency-Test-Password-1";

    public sealed class Host : IDisposable
    {
        public WebFactory Factory { get; } = new(kestrel: false);

        public void Dispose() => Factory.Dispose();
    }

    private readonly WebFactory _factory = host.Factory;

    [Fact]
    public async Task ConsoleCreatesAnAgencyAndManagesMembers_DeskGrantsIt_TheMembersPageShowsIt()
    {
        var name = "Kamchatka Trails " + Guid.NewGuid().ToString("N")[..6];
        var managerEmail = await AgentAsync("Anna");
        var sellerEmail = await AgentAsync("Boris");
        var admin = await PagesAsAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        Assert.Contains("href=\"/console/agencies\"", await admin.GetStringAsync("/console"), StringComparison.Ordinal);

        // No name: refused, the error under its field; then created with its first manager.
        var refused = await PostFormAsync(admin, "/console/agencies", "/console/agencies?handler=Create", ("Name", ""), ("ContactEmail", "team@trails.example"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"agency-name-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var created = await PostFormAsync(admin, "/console/agencies", "/console/agencies?handler=Create",
            ("Name", name), ("ContactEmail", "team@trails.example"), ("ManagerEmail", managerEmail));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var agencyId = (await (await _factory.AsAdminAsync()).GetJsonAsync("/api/admin/agencies?limit=200")).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == name).Id();
        var page = await admin.GetStringAsync("/console/agencies");
        Assert.Contains($"id=\"agency-{agencyId}\"", page, StringComparison.Ordinal);
        Assert.Contains(managerEmail + " (manager)", page, StringComparison.Ordinal);

        // A non-agent's address: the API's refusal as a message; the seller joins.
        var tourist = await PostFormAsync(admin, "/console/agencies", $"/console/agencies?handler=AddMember&agencyId={agencyId}",
            ("MemberEmail", "tourist@demo.kamhub.local"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tourist.StatusCode);
        Assert.Contains("class=\"alert\"", await tourist.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, "/console/agencies", $"/console/agencies?handler=AddMember&agencyId={agencyId}",
            ("MemberEmail", sellerEmail))).StatusCode);
        Assert.Contains(sellerEmail, await admin.GetStringAsync("/console/agencies"), StringComparison.Ordinal);

        // The desk grants the agency: no agency chosen is refused under the select; then granted and listed by name.
        var desk = await PagesAsAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        Assert.Contains($"<option value=\"{agencyId}\"", await desk.GetStringAsync("/desk/agents"), StringComparison.Ordinal);
        var unchosen = await PostFormAsync(desk, "/desk/agents", "/desk/agents?handler=Grant", ("GrantTo", "agency"), ("CommissionPercent", "6"), ("Tours", "all"));
        Assert.Equal(HttpStatusCode.BadRequest, unchosen.StatusCode);
        Assert.Contains("id=\"agency-error\"", await unchosen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var granted = await PostFormAsync(desk, "/desk/agents", "/desk/agents?handler=Grant",
            ("GrantTo", "agency"), ("AgencyId", agencyId.ToString()), ("CommissionPercent", "6"), ("Tours", "all"));
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains("Agency: " + name, await desk.GetStringAsync("/desk/agents"), StringComparison.Ordinal);

        // Each member's sales page names the agency and its members; an agent outside it sees no agency part.
        var seller = await PagesAsAsync(sellerEmail, Password);
        var sales = await seller.GetStringAsync("/agent");
        Assert.Contains("Your agency: " + name, sales, StringComparison.Ordinal);
        Assert.Contains("Anna (manager)", sales, StringComparison.Ordinal);
        Assert.Contains("The agency&#x27;s commission", sales, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=AddMember", sales, StringComparison.Ordinal);
        var outsiderEmail = await AgentAsync("Vera");
        var outsider = await PagesAsAsync(outsiderEmail, Password);
        Assert.DoesNotContain("id=\"agency\"", await outsider.GetStringAsync("/agent"), StringComparison.Ordinal);

        // The manager manages from its own page: a tourist's address is the API's refusal; Vera joins, then is removed.
        var manager = await PagesAsAsync(managerEmail, Password);
        var notAgent = await PostFormAsync(manager, "/agent", "/agent?handler=AddMember", ("MemberEmail", "tourist@demo.kamhub.local"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAgent.StatusCode);
        Assert.Contains("class=\"alert\"", await notAgent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(manager, "/agent", "/agent?handler=AddMember", ("MemberEmail", outsiderEmail))).StatusCode);
        Assert.Contains("Your agency: " + name, await outsider.GetStringAsync("/agent"), StringComparison.Ordinal);
        var veraId = (await (await _factory.AsAdminAsync()).GetJsonAsync($"/api/admin/agencies/{agencyId}")).GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("email").GetString() == outsiderEmail).GetProperty("userId").GetGuid();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(manager, "/agent", $"/agent?handler=RemoveMember&userId={veraId}")).StatusCode);
        Assert.DoesNotContain("id=\"agency\"", await outsider.GetStringAsync("/agent"), StringComparison.Ordinal);

        // The console removes the seller: gone from the agency, and from its page.
        var sellerId = (await (await _factory.AsAdminAsync()).GetJsonAsync($"/api/admin/agencies/{agencyId}")).GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("email").GetString() == sellerEmail).GetProperty("userId").GetGuid();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, "/console/agencies",
            $"/console/agencies?handler=RemoveMember&agencyId={agencyId}&userId={sellerId}")).StatusCode);
        Assert.DoesNotContain(sellerEmail, await admin.GetStringAsync("/console/agencies"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"agency\"", await seller.GetStringAsync("/agent"), StringComparison.Ordinal);
        // The console is the admin's: an agent is refused it.
        Assert.NotEqual(HttpStatusCode.OK, (await seller.GetAsync("/console/agencies")).StatusCode);
    }

    /// <summary>A new Agent account with a known password (its e-mail returned), made through the admin API.</summary>
    private async Task<string> AgentAsync(string displayName)
    {
        var email = $"agent-{Guid.NewGuid():N}@agency.example";
        var response = await (await _factory.AsAdminAsync()).PostAsJsonAsync("/api/admin/users", new { email, password = Password, role = "Agent", displayName });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return email;
    }

    private async Task<HttpClient> PagesAsAsync(string email, string password)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true });
        await WebForms.SignInAsync(client, email, password);
        return client;
    }
}
