using System.Text.Json;
using Npgsql;

namespace KamHub.Core.DataToolkit.Moves;

internal static class MoveStatusMapper
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DataMoveStatus ToStatus(DataMoveRow row, DateTime now)
    {
        var history = JsonSerializer.Deserialize<List<MoveStep>>(row.History, Json) ?? [];
        var tables = row.VerifySummary is null ? [] : JsonSerializer.Deserialize<List<MoveVerifyTable>>(row.VerifySummary, Json) ?? [];
        var verify = row.VerifiedAt is { } at ? new MoveVerify(at, row.VerifyEqual == true, tables) : null;
        var seconds = row.LagOldestAt is { } oldest ? Math.Round(Math.Max(0, (now - oldest).TotalSeconds), 3) : (double?)null;
        return new DataMoveStatus(row.Id, row.Module, Redact(row.Source), Redact(row.Target), row.State, row.ReadPercent, row.Epoch,
            row.StartedAt, row.UpdatedAt, row.UpdatedBy, row.SwitchPauseMs, new MoveLag(row.LagChanges, row.LagOldestAt, seconds, row.CaughtUpAt), verify,
            history, row.Error, Next(row), new MoveShadowReads(row.ShadowReads, row.ShadowRows, row.ShadowMismatches, row.ShadowLastMismatch));
    }

    private static string? Next(DataMoveRow row) => row.State switch
    {
        MoveStates.Mirroring => "reads 1 %",
        MoveStates.Reads when row.ReadPercent < 100 => $"reads {MoveStates.ReadSteps.First(p => p > row.ReadPercent)} %",
        MoveStates.Reads => "switch writes",
        MoveStates.WritesSwitched => "finalize",
        _ => null,
    };

    /// <summary>Connection strings without their password: status is shown to operators and scripts.</summary>
    public static string Redact(string connection)
    {
        if (Data.ModuleConnection.Detect(connection) != Data.DatabaseProvider.PostgreSql) return connection;
        var builder = new NpgsqlConnectionStringBuilder(connection);
        builder.Remove("Password");
        return builder.ConnectionString;
    }
}
