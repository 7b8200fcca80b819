namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>Tests that only mean something on PostgreSQL (stopping the server, two processes on one database).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.UsePostgres) Skip = "PostgreSQL-only: runs in the postgres pass of scripts/test.sh";
    }
}

/// <summary>Tests of SQLite-only behaviour (its write lock, its file); the PostgreSQL pass has its own.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.UsePostgres) Skip = "SQLite-only: runs in the sqlite pass of scripts/test.sh";
    }
}
