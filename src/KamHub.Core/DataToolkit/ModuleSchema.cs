using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// A module's tables as its EF model declares them (the event bus tables included: they are part of the module's
/// data), in an order where every table comes after the tables its foreign keys point to. The schema of a target is
/// made by the module's migrations; this model only says which columns to move and how their values are typed.
/// </summary>
public sealed class ModuleSchema
{
    private ModuleSchema(ModuleDatabase module, bool sqlite, IReadOnlyList<PhysicalTable> tables)
    {
        Module = module;
        IsSqlite = sqlite;
        Tables = tables;
    }

    public ModuleDatabase Module { get; }

    public bool IsSqlite { get; }

    public IReadOnlyList<PhysicalTable> Tables { get; }

    public PhysicalTable Find(string name) => Tables.FirstOrDefault(t => t.Spec.Name == name)
        ?? throw new DataToolkitException($"{Module.Name} has no table '{name}'.");

    public static ModuleSchema Read(ModuleDatabase module, DataEndpoint endpoint)
    {
        using var context = ModuleContexts.Create(module, endpoint);
        return Read(module, context);
    }

    public static ModuleSchema Read(ModuleDatabase module, DbContext context)
    {
        var sqlite = context.Database.IsSqlite();
        var prefix = module.Schema + "_";
        string Logical(string physical) => sqlite && physical.StartsWith(prefix, StringComparison.Ordinal) ? physical[prefix.Length..] : physical;

        var tables = new List<PhysicalTable>();
        foreach (var table in context.Model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var columns = table.Columns.ToList();
            var key = table.PrimaryKey ?? throw new DataToolkitException($"{module.Name}.{table.Name} has no primary key; the toolkit moves rows in key order.");
            var specs = columns.Select(c => new ColumnSpec(c.Name, Nullable.GetUnderlyingType(c.ProviderClrType) ?? c.ProviderClrType, c.IsNullable)).ToList();
            var keyIndexes = key.Columns.Select(k => columns.IndexOf((IColumn)k)).ToList();
            var dependsOn = table.ForeignKeyConstraints.Select(f => Logical(f.PrincipalTable.Name)).Where(n => n != Logical(table.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
            var spec = new TableSpec(Logical(table.Name), specs, keyIndexes, dependsOn);
            var quoted = sqlite ? $"\"{table.Name}\"" : $"\"{table.Schema ?? module.Schema}\".\"{table.Name}\"";
            tables.Add(new PhysicalTable(spec, quoted, columns.Select(c => c.StoreTypeMapping).ToList(), columns.Select(c => c.StoreType).ToList()));
        }

        return new ModuleSchema(module, sqlite, TopologicalOrder(tables));
    }

    /// <summary>Parents before children, so rows land after the rows they reference; ties in name order.</summary>
    private static List<PhysicalTable> TopologicalOrder(List<PhysicalTable> tables)
    {
        var ordered = new List<PhysicalTable>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var names = tables.Select(t => t.Spec.Name).ToHashSet(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(t => !done.Contains(t.Spec.Name) && t.Spec.DependsOn.All(d => done.Contains(d) || !names.Contains(d))).ToList();
            if (ready.Count == 0) throw new DataToolkitException("The module's foreign keys form a cycle; the toolkit cannot order its tables.");
            foreach (var table in ready)
            {
                ordered.Add(table);
                done.Add(table.Spec.Name);
            }
        }

        return ordered;
    }
}
