using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Data;

/// <summary>
/// Base of every module's DbContext. It applies the house naming: snake_case columns, and the module's
/// own schema on PostgreSQL or its own table prefix on SQLite (which has no schemas), so modules can
/// share one database file yet move to their own database without renaming anything.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Lower-case module name: the PostgreSQL schema and the SQLite table prefix.</summary>
    public abstract string ModuleName { get; }

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var sqlite = Database.IsSqlite();
        if (!sqlite) modelBuilder.HasDefaultSchema(ModuleName);

        ConfigureModel(modelBuilder);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.IsOwned() && entity.GetTableName() == entity.FindOwnership()?.PrincipalEntityType.GetTableName()) continue;
            var table = entity.GetTableName();
            if (table is null) continue;
            entity.SetTableName(ModuleTableNames.Table(ModuleName, SnakeCase.Convert(table), sqlite));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase.Convert(property.GetColumnName()));
            }
        }
    }
}
