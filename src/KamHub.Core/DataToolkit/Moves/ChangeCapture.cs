using System.Data.Common;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// Change capture for a module on one database (ADR 0014): a trigger per table appends (table, key as JSON) to
/// <c>__move_changes</c> in the same transaction as the write, and refuses the write while the side is fenced. Plain
/// triggers, so it works the same for a SQLite file and a PostgreSQL schema and needs no change in the module's code.
/// The two tables sit beside the module's tables, like the copy's checkpoints, and are not part of its model.
/// </summary>
internal static class ChangeCapture
{
    public static string ChangesTable(DataEndpoint endpoint, string schema) =>
        endpoint.IsSqlite ? $"\"{schema}__move_changes\"" : $"\"{schema}\".\"__move_changes\"";

    public static string StateTable(DataEndpoint endpoint, string schema) =>
        endpoint.IsSqlite ? $"\"{schema}__move_state\"" : $"\"{schema}\".\"__move_state\"";

    /// <summary>Creates the tables and triggers (idempotent) and sets the side's state.</summary>
    public static async Task InstallAsync(DataEndpoint endpoint, ModuleSchema schema, string state, CancellationToken ct)
    {
        await using var connection = await endpoint.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var name = schema.Module.Schema;
        if (endpoint.IsSqlite)
        {
            await ExecAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {ChangesTable(endpoint, name)} (id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, key TEXT NOT NULL, " +
                "at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))", ct);
            await ExecAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {StateTable(endpoint, name)} (id INTEGER PRIMARY KEY, state TEXT NOT NULL)", ct);
            foreach (var table in schema.Tables) await ExecAsync(connection, transaction, SqliteTriggers(endpoint, name, table), ct);
        }
        else
        {
            await ExecAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {ChangesTable(endpoint, name)} (id bigserial PRIMARY KEY, tbl text NOT NULL, key text NOT NULL, " +
                "at timestamptz NOT NULL DEFAULT clock_timestamp())", ct);
            await ExecAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {StateTable(endpoint, name)} (id integer PRIMARY KEY, state text NOT NULL)", ct);
            await ExecAsync(connection, transaction, PostgresFunction(endpoint, name), ct);
            foreach (var table in schema.Tables)
            {
                var arguments = string.Join(", ", new[] { table.Spec.Name }.Concat(table.Spec.KeyColumns.Select(c => c.Name)).Select(a => $"'{a}'"));
                await ExecAsync(connection, transaction, $"DROP TRIGGER IF EXISTS __move_capture ON {table.QuotedName}", ct);
                await ExecAsync(connection, transaction, $"CREATE TRIGGER __move_capture AFTER INSERT OR UPDATE OR DELETE ON {table.QuotedName} " +
                    $"FOR EACH ROW EXECUTE FUNCTION \"{name}\".__move_capture({arguments})", ct);
            }
        }

        await ExecAsync(connection, transaction, $"INSERT INTO {StateTable(endpoint, name)} (id, state) VALUES (1, '{state}') ON CONFLICT (id) DO UPDATE SET state = excluded.state", ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Sets a side's state. On PostgreSQL the update waits for every write transaction in flight on that side (each
    /// holds a share lock on the state row from its first write), so after a fence no unlogged or late write remains.
    /// </summary>
    public static async Task SetStateAsync(DataEndpoint endpoint, string schema, string state, CancellationToken ct)
    {
        await using var connection = await endpoint.OpenAsync(ct);
        await TableQueries.ExecuteAsync(connection, $"UPDATE {StateTable(endpoint, schema)} SET state = '{state}' WHERE id = 1", ct);
    }

    /// <summary>Drops triggers and capture tables: the side goes back to a plain module database.</summary>
    public static async Task RemoveAsync(DataEndpoint endpoint, ModuleSchema schema, CancellationToken ct)
    {
        await using var connection = await endpoint.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var name = schema.Module.Schema;
        foreach (var table in schema.Tables)
        {
            if (endpoint.IsSqlite)
            {
                foreach (var op in new[] { "i", "u", "d" }) await ExecAsync(connection, transaction, $"DROP TRIGGER IF EXISTS {TriggerName(name, table, op)}", ct);
            }
            else
            {
                await ExecAsync(connection, transaction, $"DROP TRIGGER IF EXISTS __move_capture ON {table.QuotedName}", ct);
            }
        }

        if (!endpoint.IsSqlite) await ExecAsync(connection, transaction, $"DROP FUNCTION IF EXISTS \"{name}\".__move_capture()", ct);
        await ExecAsync(connection, transaction, $"DROP TABLE IF EXISTS {ChangesTable(endpoint, name)}", ct);
        await ExecAsync(connection, transaction, $"DROP TABLE IF EXISTS {StateTable(endpoint, name)}", ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Unapplied changes on a side and the instant of the oldest (null when none).</summary>
    public static async Task<(long Count, DateTime? Oldest)> LagAsync(DataEndpoint endpoint, string schema, CancellationToken ct)
    {
        await using var connection = await endpoint.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), min(at) FROM {ChangesTable(endpoint, schema)}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var count = reader.GetInt64(0);
        if (reader.IsDBNull(1)) return (count, null);
        // SQLite keeps the instant as UTC text (no kind); PostgreSQL's timestamptz comes back as UTC.
        return (count, DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
    }

    private static string TriggerName(string schema, PhysicalTable table, string op) => $"\"{schema}__move_{table.Spec.Name}_{op}\"";

    private static string SqliteTriggers(DataEndpoint endpoint, string schema, PhysicalTable table)
    {
        var state = $"(SELECT state FROM {StateTable(endpoint, schema)} WHERE id = 1)";
        var changes = ChangesTable(endpoint, schema);
        string Key(string row) => $"json_array({string.Join(", ", table.Spec.KeyColumns.Select(c => $"{row}.{DatabaseRowSource.Quote(c.Name)}"))})";
        string Trigger(string op, string when, string body) =>
            $"DROP TRIGGER IF EXISTS {TriggerName(schema, table, op)}; CREATE TRIGGER {TriggerName(schema, table, op)} AFTER {when} ON {table.QuotedName} BEGIN " +
            $"SELECT RAISE(ABORT, '{CaptureState.FenceMessage}') WHERE {state} = '{CaptureState.Fenced}'; {body} END;";
        string Log(string row, string? unless = null) =>
            $"INSERT INTO {changes} (tbl, key) SELECT '{table.Spec.Name}', {Key(row)} WHERE {state} = '{CaptureState.Open}'{unless};";
        return Trigger("i", "INSERT", Log("NEW"))
            + Trigger("u", "UPDATE", Log("NEW") + Log("OLD", $" AND {Key("OLD")} <> {Key("NEW")}"))
            + Trigger("d", "DELETE", Log("OLD"));
    }

    private static string PostgresFunction(DataEndpoint endpoint, string schema) => $$"""
        CREATE OR REPLACE FUNCTION "{{schema}}".__move_capture() RETURNS trigger LANGUAGE plpgsql AS $capture$
        DECLARE st text; k jsonb; o jsonb; i int;
        BEGIN
          -- FOR SHARE: a fence (UPDATE of this row) waits for every write in flight, and writes after it see the fence.
          SELECT state INTO st FROM {{StateTable(endpoint, schema)}} WHERE id = 1 FOR SHARE;
          IF st = '{{CaptureState.Fenced}}' THEN
            RAISE EXCEPTION '{{CaptureState.FenceMessage}}: % is being moved; retry', TG_TABLE_NAME USING ERRCODE = '{{CaptureState.FenceSqlState}}';
          END IF;
          IF st IS DISTINCT FROM '{{CaptureState.Open}}' THEN RETURN NULL; END IF;
          IF TG_OP <> 'DELETE' THEN
            k := '[]'::jsonb;
            FOR i IN 1..TG_NARGS - 1 LOOP k := k || jsonb_build_array(to_jsonb(NEW) -> TG_ARGV[i]); END LOOP;
            INSERT INTO {{ChangesTable(endpoint, schema)}} (tbl, key) VALUES (TG_ARGV[0], k::text);
          END IF;
          IF TG_OP <> 'INSERT' THEN
            o := '[]'::jsonb;
            FOR i IN 1..TG_NARGS - 1 LOOP o := o || jsonb_build_array(to_jsonb(OLD) -> TG_ARGV[i]); END LOOP;
            IF TG_OP = 'DELETE' OR o <> k THEN INSERT INTO {{ChangesTable(endpoint, schema)}} (tbl, key) VALUES (TG_ARGV[0], o::text); END IF;
          END IF;
          RETURN NULL;
        END
        $capture$
        """;

    private static Task<int> ExecAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct) =>
        TableQueries.ExecuteAsync(connection, sql, ct, transaction);
}
