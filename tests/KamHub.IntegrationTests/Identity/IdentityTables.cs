using KamHub.Core.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Identity;

/// <summary>
/// Raw SQL on the Identity tables, for what the API rightly never shows (password hashes, throttle rows).
/// The module's types are internal, so tests go through the registered context as a plain DbContext.
/// </summary>
internal static class IdentityTables
{
    public static async Task<int> ExecuteAsync<T>(WebApplicationFactory<T> factory, string table, string sqlWithTable, params object[] parameters)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = Context(factory, scope);
        return await context.Database.ExecuteSqlRawAsync(sqlWithTable.Replace("{table}", Quoted(context, table), StringComparison.Ordinal), parameters);
    }

    /// <summary>One value; the query must name its column "Value".</summary>
    public static async Task<TValue> ScalarAsync<T, TValue>(WebApplicationFactory<T> factory, string table, string sqlWithTable, params object[] parameters)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = Context(factory, scope);
        var sql = sqlWithTable.Replace("{table}", Quoted(context, table), StringComparison.Ordinal);
        return (await context.Database.SqlQueryRaw<TValue>(sql, parameters).ToListAsync()).Single();
    }

    private static DbContext Context<T>(WebApplicationFactory<T> factory, AsyncServiceScope scope)
        where T : class
    {
        var database = factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Find("Identity")!;
        return (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
    }

    private static string Quoted(DbContext context, string table) =>
        context.Database.IsSqlite() ? $"\"identity_{table}\"" : $"\"identity\".\"{table}\"";
}
