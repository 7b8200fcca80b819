using Microsoft.EntityFrameworkCore.Storage;

namespace KamHub.Core.DataToolkit;

/// <summary>A column as the toolkit moves it: the CLR type its values are read and written as on every provider.</summary>
public sealed record ColumnSpec(string Name, Type Type, bool Nullable);

/// <summary>
/// One of a module's tables, the same on every provider: its name without prefix or schema (<c>departures</c>), its
/// columns in model order, the primary key (indexes into <see cref="Columns"/>) and the tables its foreign keys point to.
/// </summary>
public sealed record TableSpec(string Name, IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<int> Key, IReadOnlyList<string> DependsOn)
{
    public IEnumerable<ColumnSpec> KeyColumns => Key.Select(i => Columns[i]);
}

/// <summary>The same table on one database: its quoted name there and each column's type mapping on that provider.</summary>
public sealed record PhysicalTable(TableSpec Spec, string QuotedName, IReadOnlyList<RelationalTypeMapping> Mappings, IReadOnlyList<string> StoreTypes);
