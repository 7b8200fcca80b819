using KamHub.Core.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>
/// Raw SQL on one module's tables, for what the API rightly never shows or lets a test set up (password hashes,
/// throttle rows, a state a crash would leave). The modules' types are internal, so tests go through the registered
/// context as a plain DbContext. "{table}" in the SQL becomes the quoted table name on either provider.
/// </summary>
internal static class ModuleTables
{
    public static async Task<int> ExecuteAsync<T>(WebApplicationFactory<T> factory, string module, string table, string sqlWithTable, params object[] parameters)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = Context(factory, module, scope);
        return await context.Database.ExecuteSqlRawAsync(sqlWithTable.Replace("{table}", Quoted(context, module, table), StringComparison.Ordinal), parameters);
    }

    /// <summary>One value; the query must name its column "Value".</summary>
    public static async Task<TValue> ScalarAsync<T, TValue>(WebApplicationFactory<T> factory, string module, string table, string sqlWithTable, params object[] parameters)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = Context(factory, module, scope);
        var sql = sqlWithTable.Replace("{table}", Quoted(context, module, table), StringComparison.Ordinal);
        return (await context.Database.SqlQueryRaw<TValue>(sql, parameters).ToListAsync()).Single();
    }

    private static DbContext Context<T>(WebApplicationFactory<T> factory, string module, AsyncServiceScope scope)
        where T : class
    {
        var database = factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Find(module)!;
        return (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
    }

    private static string Quoted(DbContext context, string module, string table)
    {
        var schema = module.ToLowerInvariant();
        return context.Database.IsSqlite() ? $"\"{schema}_{table}\"" : $"\"{schema}\".\"{table}\"";
    }
}
