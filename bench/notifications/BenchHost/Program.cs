using System.Text.Json;
using KamHub.Core.Hosting;
using KamHub.IntegrationTests.Notifications.Fakes;
using KamHub.Notifications;
using KamHub.Notifications.BenchHost;
using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore;

// kamhub-notifications-bench  Bench:Mode=raw|queue|render (render: the template step alone, for where the CPU goes)  Bench:Channel=smtp|sendgrid|twilio  Bench:Messages=N
// Prints one JSON line of figures. The database comes from ConnectionStrings:Platform (PostgreSQL) or the data directory (SQLite).
await using var smtp = await SmtpTestServer.StartAsync();
await using var http = await FakeHttpProviders.StartAsync();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var mode = builder.Configuration["Bench:Mode"] ?? "queue";
var provider = builder.Configuration["Bench:Channel"] ?? "smtp";
var messages = int.Parse(builder.Configuration["Bench:Messages"] ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
builder.Configuration.AddInMemoryCollection(BenchSettings.For(provider, smtp.Port, http.BaseAddress));
// The bench drives the dispatcher itself; the hosted worker would race it for the same rows.
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["KamHub:Notifications:WorkerEnabled"] = "false" });
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.AddServiceDefaults();
builder.AddNotificationsModule();
builder.Logging.SetMinimumLevel(LogLevel.Warning);

await using var app = builder.Build();
await app.StartAsync();

var bench = new QueueBench(app.Services, provider);
var stopping = app.Lifetime.ApplicationStopping;
var figures = mode switch
{
    "raw" => await bench.RawAsync(messages, stopping),
    "render" => await bench.RenderAsync(messages, stopping),
    _ => await bench.QueueAsync(messages, stopping),
};
await using var scope = app.Services.CreateAsyncScope();
var database = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.IsSqlite() ? "sqlite" : "postgres";
Console.Out.WriteLine(JsonSerializer.Serialize(new
{
    mode,
    channel = provider,
    database = mode == "queue" ? database : "-",
    messages = figures.Messages,
    sent = figures.Sent,
    received = provider == "smtp" ? smtp.Messages.Count : (int)http.Accepted,
    smtpConnections = provider == "smtp" ? smtp.Connections : 0,
    seconds = Math.Round(figures.Seconds, 3),
    perSecond = Math.Round(figures.PerSecond, 1),
    cpuMsPerMessage = Math.Round(figures.CpuMsPerMessage, 3),
}));
await app.StopAsync();
return figures.Sent == figures.Messages ? 0 : 1;
