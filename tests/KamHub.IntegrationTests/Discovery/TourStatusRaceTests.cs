using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>Archived is final even when a publish or an edit races the archive.</summary>
public sealed class TourStatusRaceTests(DiscoveryFixture fx) : IClassFixture<DiscoveryFixture>
{
    [Fact]
    public async Task PublishAndArchive_AtTheSameMoment_AnArchiveThatSucceededIsNeverUndone()
    {
        for (var round = 0; round < 8; round++)
        {
            var id = (await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody())).Id();

            var publish = fx.Operator.PostAsync($"/api/tours/{id}/publish", null);
            var archive = fx.Operator.PostAsync($"/api/tours/{id}/archive", null);
            var update = fx.Operator.PutAsJsonAsync($"/api/tours/{id}", DiscoveryApi.TourBody("racingedit"));
            await Task.WhenAll(publish, archive, update);

            Assert.Contains((await publish).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            Assert.Contains((await update).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            if ((await archive).StatusCode != HttpStatusCode.OK) continue;
            var tour = await (await fx.Operator.GetAsync($"/api/tours/{id}")).JsonAsync();
            Assert.Equal("archived", tour.GetProperty("status").GetString());
        }
    }
}
