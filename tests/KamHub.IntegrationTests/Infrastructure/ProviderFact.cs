namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>Tests that only mean something on PostgreSQL (stopping the server, two processes on one database).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.UsePostgres) Skip = "PostgreSQL-only: runs in the postgres pass of scripts/test.sh";
    }
}
