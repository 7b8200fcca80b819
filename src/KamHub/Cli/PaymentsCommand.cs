using System.CommandLine;
using System.Text.Json;
using KamHub.Payments.Contracts;

namespace KamHub.Cli;

/// <summary><c>kamhub payments reconcile [--json]</c>: the reconciliation job, run once by hand, printing what it did.</summary>
internal static class PaymentsCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table" };

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("payments", "Payments maintenance");
        var reconcile = new Command("reconcile",
            "Ask the provider about every payment still pending after its hold and apply its answer (what a server does every KamHub:Payments:ReconcileInterval)")
        {
            Json, CommonOptions.DataDir,
        };
        reconcile.TreatUnmatchedTokensAsErrors = false;
        reconcile.SetAction(async (parse, ct) =>
        {
            // Events it publishes wait in the outbox for a running server to deliver them.
            await using var app = KamHubApp.Build(CommonOptions.ToConfigurationArgs(parse, ("KamHub:Events:DispatcherEnabled", "false"),
                ("Logging:Console:LogToStandardErrorThreshold", "Trace")));
            await MigratedDatabases.EnsureAsync(app.Services, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<IPaymentReconciliation>().ReconcileAsync(ct);
            if (parse.GetValue(Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput));
                return 0;
            }

            Console.WriteLine($"{"Payment",-38} {"Provider",-14} {"Provider says",-24} {"Outcome",-16} Detail");
            foreach (var line in report.Payments)
                Console.WriteLine($"{line.PaymentId,-38} {line.Provider,-14} {line.ProviderStatus,-24} {line.Outcome,-16} {line.Detail}");
            var counts = report.Payments.GroupBy(p => p.Outcome).Select(g => $"{g.Count()} {g.Key}");
            Console.WriteLine(report.Payments.Count == 0
                ? "No payment is pending past its hold: nothing to ask."
                : $"{report.Payments.Count} payment(s) asked: {string.Join(", ", counts)}.");
            return 0;
        });
        command.Subcommands.Add(reconcile);
        return command;
    }
}
