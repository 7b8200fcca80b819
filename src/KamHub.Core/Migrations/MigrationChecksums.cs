using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

// Table names below are built from module names declared in code, never from input.
#pragma warning disable EF1002

namespace KamHub.Core.Migrations;

/// <summary>
/// Checksums of applied migrations, kept beside EF's history table: the SHA-256 of the SQL the
/// migration's Up and Down operations produce on this provider. A migration edited after it ran produces other SQL, and validate says so.
/// </summary>
internal static class MigrationChecksums
{
    public static string Compute(DbContext context, string id)
    {
        var migrations = context.GetService<IMigrationsAssembly>();
        var migration = migrations.CreateMigration(migrations.Migrations[id], context.Database.ProviderName!);
        var model = migration.TargetModel is { } target ? context.GetService<IModelRuntimeInitializer>().Initialize(target) : null;
        var generator = context.GetService<IMigrationsSqlGenerator>();
        var sql = new StringBuilder();
        // Up and Down both count: a rollback path edited after the fact is as dangerous as a changed Up.
        foreach (var command in generator.Generate(migration.UpOperations, model)) sql.AppendLine(command.CommandText);
        sql.AppendLine("-- down");
        foreach (var command in generator.Generate(migration.DownOperations, model)) sql.AppendLine(command.CommandText);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ToString().ReplaceLineEndings("\n"))));
    }

    public static string TableName(DbContext context, string schema) =>
        context.Database.IsSqlite() ? $"\"{schema}__migration_checksums\"" : $"\"{schema}\".\"__migration_checksums\"";

    public static async Task EnsureTableAsync(DbContext context, string schema, CancellationToken ct)
    {
        if (!context.Database.IsSqlite())
            await context.Database.ExecuteSqlRawAsync($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", ct);
        await context.Database.ExecuteSqlRawAsync(
            $"CREATE TABLE IF NOT EXISTS {TableName(context, schema)} (migration_id varchar(150) PRIMARY KEY, checksum varchar(64) NOT NULL, recorded_at varchar(40) NOT NULL)", ct);
    }

    public static async Task<Dictionary<string, string>> ReadAsync(DbContext context, string schema, CancellationToken ct)
    {
        await EnsureTableAsync(context, schema, ct);
        var connection = context.Database.GetDbConnection();
        var wasOpen = connection.State == System.Data.ConnectionState.Open;
        if (!wasOpen) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT migration_id, checksum FROM {TableName(context, schema)}";
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetString(1);
            return result;
        }
        finally
        {
            if (!wasOpen) await connection.CloseAsync();
        }
    }

    public static Task RecordAsync(DbContext context, string schema, string id, string checksum, DateTimeOffset now, CancellationToken ct) =>
        context.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {TableName(context, schema)} (migration_id, checksum, recorded_at) VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT (migration_id) DO NOTHING",
            [id, checksum, now.ToString("O")], ct);

    public static Task ForgetAsync(DbContext context, string schema, string id, CancellationToken ct) =>
        context.Database.ExecuteSqlRawAsync($"DELETE FROM {TableName(context, schema)} WHERE migration_id = {{0}}", [id], ct);
}
