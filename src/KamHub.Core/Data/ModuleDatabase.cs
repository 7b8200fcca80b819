namespace KamHub.Core.Data;

/// <summary>One module's database as the platform knows it: used by migrations, health checks and the data tools.</summary>
public sealed record ModuleDatabase(string Name, Type ContextType, ModuleConnection Connection)
{
    public string Schema => Name.ToLowerInvariant();
}

/// <summary>Every module database registered in this process, in registration order.</summary>
public sealed class ModuleDatabaseRegistry
{
    private readonly List<ModuleDatabase> _modules = [];

    public IReadOnlyList<ModuleDatabase> Modules => _modules;

    public void Add(ModuleDatabase module)
    {
        if (_modules.Any(m => m.Name.Equals(module.Name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"Module database '{module.Name}' is registered twice.");
        _modules.Add(module);
    }

    public ModuleDatabase? Find(string name) =>
        _modules.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
