using System.Net;
using System.Text;
using KamHub.Core.Security;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Partners;

/// <summary>
/// Every /api endpoint of the running app (read from its endpoint data sources, so an endpoint added tomorrow is in
/// the matrix without touching this test) called anonymously and as each of the six roles: a token where one is
/// required (401 without), the policy's roles where it names some (403 for the others), never a 5xx. Then the
/// cross-organisation rules of the partner endpoints: operator B and B's guide see nothing of operator A's departure.
/// </summary>
public sealed class RoleMatrixTests(AssignmentsHost host) : IClassFixture<AssignmentsHost>
{
    private readonly BookingFactory _factory = host.Factory;

    [Fact]
    public async Task EveryEndpoint_ForEveryRole_AnswersTheRoleItsPolicyNames()
    {
        var endpoints = await ApiEndpointsAsync();
        Assert.Contains(endpoints, e => e.Route == "/api/me/assignments");
        // Agents' endpoints (ADR 0023): grants are the operator's, sales and balance the agent's alone.
        Assert.Equal(["Admin", "Operator"], endpoints.Where(e => e.Route.StartsWith("/api/operator/agents", StringComparison.Ordinal))
            .SelectMany(e => e.Roles ?? []).Distinct().Order(StringComparer.Ordinal));
        Assert.All(endpoints.Where(e => e.Route.StartsWith("/api/agent/", StringComparison.Ordinal)), e => Assert.Equal(["Agent"], e.Roles ?? []));
        // Agent: its sales and balance, and its agency (seen by members, managed by managers); agencies: the admin's, listed to operators.
        Assert.Equal(6, endpoints.Count(e => e.Route.StartsWith("/api/agent/", StringComparison.Ordinal)));
        Assert.Equal(5, endpoints.Count(e => e.Route.StartsWith("/api/admin/agencies", StringComparison.Ordinal)));
        Assert.All(endpoints.Where(e => e.Route.StartsWith("/api/admin/agencies", StringComparison.Ordinal)), e => Assert.Equal(["Admin"], e.Roles ?? []));
        Assert.Equal(["Admin", "Operator"], endpoints.Single(e => e.Route == "/api/operator/agencies").Roles!.Order(StringComparer.Ordinal));
        var clients = Roles.All.ToDictionary(r => r, r => _factory.ClientAs(r, r == Roles.Operator ? Guid.NewGuid() : null));
        var anonymous = _factory.CreateClient();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = endpoint.Path();
            var answer = await SendAsync(anonymous, endpoint.Method, path);
            if (endpoint.RequiresToken && answer != HttpStatusCode.Unauthorized) failures.Add($"{endpoint} anonymous: {answer}, expected 401");
            if ((int)answer >= 500) failures.Add($"{endpoint} anonymous: {answer}");
            foreach (var (role, client) in clients)
            {
                answer = await SendAsync(client, endpoint.Method, path);
                var allowed = endpoint.Roles is null || endpoint.Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
                if (!allowed && answer != HttpStatusCode.Forbidden) failures.Add($"{endpoint} as {role}: {answer}, expected 403");
                // A public endpoint may answer 401 about its body (sign-in with wrong credentials); a token endpoint must accept the token.
                if (endpoint.RequiresToken && answer == HttpStatusCode.Unauthorized) failures.Add($"{endpoint} as {role}: 401 with a valid token");
                if ((int)answer >= 500) failures.Add($"{endpoint} as {role}: {answer}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task PartnerEndpoints_AcrossOperators_ShowNothingOfTheOther()
    {
        var departure = await _factory.DepartureOfNewTourAsync("2027-07-12T08:00");
        var (_, booking) = await _factory.ConfirmedAsync(departure);
        var (guideA, _) = await _factory.StaffAsync("Guide");
        var (guideB, guideBClient) = await _factory.StaffAsync("Guide");
        var assignment = (await _factory.Operator().AssignedAsync(departure, guideA)).Id();
        var operatorB = _factory.ClientAs("Operator", Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Forbidden, (await operatorB.GetAsync($"/api/departures/{departure}/assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorB.AssignAsync(departure, guideB)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorB.DeleteAsync($"/api/assignments/{assignment}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorB.GetAsync($"/api/bookings/{booking.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guideBClient.MarkAsync(booking.Id(), "no-show")).StatusCode);
        Assert.Empty(await guideBClient.MyAssignmentsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await guideBClient.GetAsync($"/api/departures/{departure}/assignments")).StatusCode);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<ApiEndpoint>> ApiEndpointsAsync()
    {
        var policies = _factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var list = new List<ApiEndpoint>();
        foreach (var endpoint in _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (!route.StartsWith("/api/", StringComparison.Ordinal)) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var metadata = endpoint.Metadata;
            var requiresToken = metadata.GetMetadata<IAllowAnonymous>() is null && metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            string[]? roles = null;
            foreach (var data in metadata.GetOrderedMetadata<IAuthorizeData>())
            {
                if (data.Policy is { Length: > 0 } name && await policies.GetPolicyAsync(name) is { } policy)
                    roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToArray() is { Length: > 0 } named ? named : roles;
                if (data.Roles is { Length: > 0 } listed) roles = listed.Split(',', StringSplitOptions.TrimEntries);
            }

            list.AddRange(methods.Select(m => new ApiEndpoint(m, route, requiresToken, requiresToken ? roles : null)));
        }

        return list.DistinctBy(e => (e.Method, e.Route)).OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
    }

    private sealed record ApiEndpoint(string Method, string Route, bool RequiresToken, string[]? Roles)
    {
        /// <summary>Route parameters filled with ids that name nothing: the answer is about access, not data.</summary>
        public string Path() => System.Text.RegularExpressions.Regex.Replace(Route, "\\{[^}]+\\}", _ => Guid.NewGuid().ToString());

        public override string ToString() => $"{Method} {Route}";
    }
}
