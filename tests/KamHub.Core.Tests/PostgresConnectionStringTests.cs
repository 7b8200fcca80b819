using KamHub.Core.Data;
using Npgsql;

namespace KamHub.Core.Tests;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void WithPool_WhenTheStringSaysNothing_AppliesTheConfiguredPoolAndTimeoutAndSkipsTheResetRoundTrip()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithPool(
            "Host=127.0.0.1;Database=kamhub", new DatabaseOptions { MaxPoolSize = 77, CommandTimeoutSeconds = 12 }));

        Assert.Equal((77, 12, true), (built.MaxPoolSize, built.CommandTimeout, built.NoResetOnClose));
    }

    [Fact]
    public void WithPool_WhenTheStringSetsItsOwnValues_KeepsThem()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithPool(
            "Host=127.0.0.1;Maximum Pool Size=5;Command Timeout=3;No Reset On Close=false", new DatabaseOptions()));

        Assert.Equal((5, 3, false), (built.MaxPoolSize, built.CommandTimeout, built.NoResetOnClose));
    }
}
