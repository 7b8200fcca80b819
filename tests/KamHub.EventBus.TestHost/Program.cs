using KamHub.Core.Hosting;
using KamHub.EventBus.TestHost;
using Microsoft.Extensions.Options;

// kamhub-proof run    publish Proof:Events events, keep delivering; exit once Proof:ExitWhenTotal rows are all handled
// kamhub-proof bench  Bench:Mode=bus|raw: publish, wait until everything is handled, print one JSON line of figures
var mode = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args.SkipWhile(a => !a.StartsWith('-')).ToArray(), ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.AddServiceDefaults();
builder.AddProofModule();
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.UseServiceDefaults();
await app.StartAsync();

var publisher = app.Services.GetRequiredService<ProofPublisher>();
var progress = app.Services.GetRequiredService<ProofProgress>();
var options = app.Services.GetRequiredService<IOptions<ProofOptions>>().Value;
var stopping = app.Lifetime.ApplicationStopping;
await publisher.EnsureAggregatesAsync(stopping);

if (mode == "bench")
{
    Console.Out.WriteLine(await new BenchRunner(publisher, progress, app.Services, app.Configuration).RunAsync(stopping));
    await app.StopAsync();
    return 0;
}

var published = await publisher.PublishAllAsync(viaBus: true, stopping);
Console.Out.WriteLine($"published {published} events as instance {options.Instance}");
if (options.ExitWhenTotal <= 0)
{
    await app.WaitForShutdownAsync();
    return 0;
}

var finished = await progress.WaitFinishedAsync(options.ExitWhenTotal, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(100), stopping);
var status = await progress.StatusAsync(stopping);
Console.Out.WriteLine($"{(finished ? "finished" : "gave up")}: {status}");
await app.StopAsync();
return finished ? 0 : 1;
