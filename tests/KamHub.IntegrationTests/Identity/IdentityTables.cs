using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KamHub.IntegrationTests.Identity;

/// <summary>Raw SQL on the Identity tables, for what the API rightly never shows (password hashes, throttle rows).</summary>
internal static class IdentityTables
{
    public static Task<int> ExecuteAsync<T>(WebApplicationFactory<T> factory, string table, string sqlWithTable, params object[] parameters)
        where T : class => ModuleTables.ExecuteAsync(factory, "Identity", table, sqlWithTable, parameters);

    /// <summary>One value; the query must name its column "Value".</summary>
    public static Task<TValue> ScalarAsync<T, TValue>(WebApplicationFactory<T> factory, string table, string sqlWithTable, params object[] parameters)
        where T : class => ModuleTables.ScalarAsync<T, TValue>(factory, "Identity", table, sqlWithTable, parameters);
}
