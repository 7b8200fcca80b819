using System.Net;
using System.Net.Http.Json;
using KamHub.Booking.Contracts;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Engagement;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Partners;

/// <summary>One host for the class: every test makes its own tours, departures and staff, so they do not see each other's.</summary>
public sealed class AssignmentsHost : IDisposable
{
    public BookingFactory Factory { get; } = new(start: EngagementApi.Start);

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// Guides and transfer drivers on departures (ADR 0020): the operator assigns, the overlap rule holds under parallel
/// requests, the assignee sees only what they need, and hears of every change.
/// </summary>
public sealed class AssignmentTests(AssignmentsHost host) : IClassFixture<AssignmentsHost>
{
    private readonly BookingFactory _factory = host.Factory;

    [Fact]
    public async Task Assign_ByTheOperator_GuideSeesParticipantsAndNothingElseOfTheOperator()
    {
        var departure = await _factory.DepartureOfNewTourAsync("2027-07-01T08:00");
        var (_, booking) = await _factory.ConfirmedAsync(departure, adults: 2);
        var (guideId, guide) = await _factory.StaffAsync("Guide");
        var (_, otherGuide) = await _factory.StaffAsync("Guide");
        await guide.ReachableByPhoneAsync("+7 901 555-01-01", "fcm-token:guide_1");

        var created = await _factory.Operator().AssignedAsync(departure, guideId);
        Assert.Equal("guide", created.GetProperty("role").GetString());

        var item = Assert.Single(await guide.MyAssignmentsAsync());
        Assert.Equal(departure, item.GetProperty("departureId").GetGuid());
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 20, 0, 0, TimeSpan.Zero), item.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(2, item.GetProperty("participantCount").GetInt32());
        var party = Assert.Single(item.GetProperty("participants").EnumerateArray());
        Assert.Equal(booking.Id(), party.GetProperty("bookingId").GetGuid());
        Assert.Equal(["Guest 1", "Guest 2"], party.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("+79000000000", party.GetProperty("contact").GetProperty("phone").GetString());
        // Money, payments and policies are the operator's business, not the guide's.
        var raw = item.GetRawText();
        foreach (var word in new[] { "amount", "price", "payment", "refund", "policy", "currency" })
            Assert.DoesNotContain(word, raw, StringComparison.OrdinalIgnoreCase);

        Assert.Empty(await otherGuide.MyAssignmentsAsync());
        await _factory.WaitForMessageAsync(guideId, "assignment-created");
        // E-mail, SMS to the phone of their preferences and a push to their device, for the news and each reminder alike.
        Assert.Equal(["email", "push", "sms"], (await _factory.ChannelsAsync(guideId, "assignment-created")).Select(c => c.Channel));
        var reminders = await _factory.ChannelsAsync(guideId, "assignment-reminder");
        Assert.NotEmpty(reminders);
        Assert.Equal(reminders.Count(c => c.Channel == "email"), reminders.Count(c => c.Channel == "sms"));
        Assert.Equal(reminders.Count(c => c.Channel == "email"), reminders.Count(c => c.Channel == "push"));
        var sms = Assert.Single(await _factory.RenderedAsync(guideId, "assignment-created"), m => m.Subject is null);
        Assert.StartsWith("KamHub: you are assigned to", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_WhenRefused_AnswersTheProblem()
    {
        var departure = await _factory.DepartureOfNewTourAsync("2027-07-03T08:00");
        var (guideId, guide) = await _factory.StaffAsync("Guide");
        var (touristId, _) = await _factory.StaffAsync("Tourist");

        await DiscoveryApi.AssertProblemAsync(await _factory.ClientAs("Operator", Guid.NewGuid()).AssignAsync(departure, guideId), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await guide.AssignAsync(departure, guideId), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().AssignAsync(Guid.NewGuid(), guideId), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().AssignAsync(departure, guideId, "driver"), HttpStatusCode.BadRequest, "role");
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().AssignAsync(departure, touristId), HttpStatusCode.UnprocessableEntity);
        // A guide account is not a transfer driver.
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().AssignAsync(departure, guideId, "transfer"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/me/assignments")).StatusCode);

        // The desk names people by e-mail: one of userId and email, an account of the role, and the list names them back.
        var guideEmail = (await guide.GetJsonAsync("/api/me")).GetProperty("email").GetString()!;
        var path = $"/api/departures/{departure}/assignments";
        var operatorClient = _factory.Operator();
        await DiscoveryApi.AssertProblemAsync(await operatorClient.PostAsJsonAsync(path, new { userId = guideId, email = guideEmail, role = "guide" }), HttpStatusCode.BadRequest, "email");
        await DiscoveryApi.AssertProblemAsync(await operatorClient.PostAsJsonAsync(path, new { role = "guide" }), HttpStatusCode.BadRequest, "userId");
        await DiscoveryApi.AssertProblemAsync(await operatorClient.PostAsJsonAsync(path, new { email = "nobody@test.kamhub.local", role = "guide" }), HttpStatusCode.UnprocessableEntity);
        var byEmail = await operatorClient.PostAsJsonAsync(path, new { email = guideEmail.ToUpperInvariant(), role = "guide" });
        Assert.Equal(HttpStatusCode.Created, byEmail.StatusCode);
        Assert.Equal(guideId, (await byEmail.JsonAsync()).GetProperty("userId").GetGuid());
        var listed = Assert.Single((await operatorClient.GetJsonAsync(path)).GetProperty("items").EnumerateArray());
        Assert.Equal(guideEmail, listed.GetProperty("email").GetString());
        Assert.Equal("Ivan Petrov", listed.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Assign_ToOverlappingDeparturesInParallel_OnlyOneWins()
    {
        // Six departures half an hour apart, each four hours long: every pair overlaps.
        var tour = await _factory.PublishedTourAsync();
        var departures = new List<Guid>();
        foreach (var start in new[] { "08:00", "08:30", "09:00", "09:30", "10:00", "10:30" })
            departures.Add((await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody($"2027-07-05T{start}"))).Id());
        var (guideId, guide) = await _factory.StaffAsync("Guide");

        var answers = await Task.WhenAll(departures.Select(d => _factory.Operator().AssignAsync(d, guideId)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var kept = Assert.Single(await guide.MyAssignmentsAsync());

        // The next day is free; once removed, an overlapping departure can take the guide.
        await _factory.Operator().AssignedAsync((await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-06T08:00"))).Id(), guideId);
        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Operator().DeleteAsync($"/api/assignments/{kept.GetProperty("assignmentId").GetGuid()}")).StatusCode);
        var other = departures.First(d => d != kept.GetProperty("departureId").GetGuid());
        await _factory.Operator().AssignedAsync(other, guideId);
    }

    [Fact]
    public async Task Pickups_SetByTheOperator_ReachTheDriverWhoHearsOfEveryChange()
    {
        var departure = await _factory.DepartureOfNewTourAsync("2027-07-08T08:00");
        var (_, booking) = await _factory.ConfirmedAsync(departure);
        var (driverId, driver) = await _factory.StaffAsync("Transfer");
        // Reminders by push are off for this driver: the rest still come.
        await driver.ReachableByPhoneAsync("+7 901 555-02-02", "fcm-token:driver_1", new { reminders = new { push = false } });
        var assignment = (await _factory.Operator().AssignedAsync(departure, driverId, "transfer")).Id();
        await _factory.WaitForMessageAsync(driverId, "assignment-created");

        var at = new DateTimeOffset(2027, 7, 8, 7, 15, 0, TimeSpan.FromHours(12));
        var set = await _factory.Operator().PutAsJsonAsync($"/api/assignments/{assignment}/pickups",
            new { pickups = new[] { new { bookingId = booking.Id(), point = "Hotel Petropavlovsk, main entrance", at } } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var pickup = Assert.Single(await driver.MyAssignmentsAsync()).GetProperty("participants")[0].GetProperty("pickup");
        Assert.Equal("Hotel Petropavlovsk, main entrance", pickup.GetProperty("point").GetString());
        Assert.Equal(at, pickup.GetProperty("at").GetDateTimeOffset());
        await _factory.WaitForMessageAsync(driverId, "assignment-changed");
        Assert.Equal(["email", "push", "sms"], (await _factory.ChannelsAsync(driverId, "assignment-changed")).Select(c => c.Channel));

        // A booking of another departure is refused; another operator cannot touch it.
        var stranger = await _factory.Operator().PutAsJsonAsync($"/api/assignments/{assignment}/pickups",
            new { pickups = new[] { new { bookingId = Guid.NewGuid(), point = "Airport", at } } });
        await DiscoveryApi.AssertProblemAsync(stranger, HttpStatusCode.BadRequest, "pickups");
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientAs("Operator", Guid.NewGuid()).DeleteAsync($"/api/assignments/{assignment}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Operator().DeleteAsync($"/api/assignments/{assignment}")).StatusCode);
        Assert.Empty(await driver.MyAssignmentsAsync());
        await _factory.WaitForMessageAsync(driverId, "assignment-cancelled");
        Assert.Equal(["email", "push", "sms"], (await _factory.ChannelsAsync(driverId, "assignment-cancelled")).Select(c => c.Channel));
        // Its reminders are no longer waiting, on any channel; none was ever planned as a push.
        var reminders = await _factory.ChannelsAsync(driverId, "assignment-reminder");
        Assert.Contains(("sms", "cancelled"), reminders);
        Assert.All(reminders, r => Assert.Equal("cancelled", r.Status));
        Assert.DoesNotContain(reminders, r => r.Channel == "push");
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.Operator().DeleteAsync($"/api/assignments/{assignment}")).StatusCode);
    }

    [Fact]
    public async Task Reschedule_OntoAnotherDepartureOfTheGuide_IsRefused_AndARacingMoveCancelsTheMovedAssignment()
    {
        // Two four-hour departures of the same day, 08:00 and 14:00 Kamchatka: the guide is on both.
        var tour = await _factory.PublishedTourAsync();
        var morning = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-14T08:00"))).Id();
        var afternoon = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-14T14:00"))).Id();
        var (guideId, guide) = await _factory.StaffAsync("Guide");
        var moved = (await _factory.Operator().AssignedAsync(morning, guideId)).Id();
        await _factory.Operator().AssignedAsync(afternoon, guideId);

        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().PatchAsJsonAsync($"/api/departures/{morning}", new { startsAt = "2027-07-14T12:00" }),
            HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().PatchAsJsonAsync($"/api/departures/{morning}", new { startsAt = "2027-07-14T07:00" })).StatusCode);

        // A move that slipped past that check (an assignment made between the check and the event) is caught when the event is handled.
        var noon = new DateTimeOffset(2027, 7, 14, 12, 0, 0, TimeSpan.FromHours(12));
        await _factory.HandleRescheduleAsync(new DepartureRescheduled(morning, tour, DemoOperators.Primary, noon, noon.AddHours(-5), "Asia/Kamchatka", noon));

        var left = Assert.Single(await guide.MyAssignmentsAsync());
        Assert.Equal(afternoon, left.GetProperty("departureId").GetGuid());
        var cancelled = Assert.Single(await _factory.EventsAsync("assignment.cancelled", moved));
        Assert.Equal("overlap", cancelled.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task DepartureCancelled_EndsItsAssignments()
    {
        var departure = await _factory.DepartureOfNewTourAsync("2027-07-10T08:00");
        var (guideId, guide) = await _factory.StaffAsync("Guide");
        await _factory.Operator().AssignedAsync(departure, guideId);

        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().PostAsync($"/api/departures/{departure}/cancel", null)).StatusCode);

        await BookingApi.EventuallyAsync(async () => (await guide.MyAssignmentsAsync()).Count == 0, "the assignment ended with its departure");
        await _factory.WaitForMessageAsync(guideId, "assignment-cancelled");
        var listed = await _factory.Operator().GetJsonAsync($"/api/departures/{departure}/assignments");
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }
}
