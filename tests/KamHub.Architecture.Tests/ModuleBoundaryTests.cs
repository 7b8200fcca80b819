using System.Reflection;

namespace KamHub.Architecture.Tests;

/// <summary>
/// The module rules of ARCHITECTURE.md, checked by reflection over the built assemblies. Modules are found, not
/// listed: every KamHub.* assembly beside the tests that is not Core, a .Contracts project or a test project, so a
/// new module is held to the rules the day it is referenced by the executable.
/// </summary>
public sealed class ModuleBoundaryTests
{
    public static TheoryData<string> ModuleNames() => new(KamHubAssemblies.Modules());

    public static TheoryData<string> ContractsNames() => new(KamHubAssemblies.Contracts());

    [Fact]
    public void Modules_AreFoundBesideTheTests()
    {
        // Without this, an empty scan would make every rule below pass.
        Assert.Contains("KamHub.Identity", KamHubAssemblies.Modules());
        Assert.Contains("KamHub.Discovery", KamHubAssemblies.Modules());
        Assert.Contains("KamHub.Identity.Contracts", KamHubAssemblies.Contracts());
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_ExposesOnlyItsRegistrationClass(string module)
    {
        var registration = $"{module}.{module["KamHub.".Length..]}Module";
        var exported = KamHubAssemblies.Load(module).GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
        var extra = exported.Where(name => name != registration).ToList();
        Assert.True(extra.Count == 0, $"{module} must keep everything but {registration} internal; public now: {string.Join(", ", extra)}");
        Assert.Contains(registration, exported);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_ReferencesOnlyCoreAndOtherModulesContracts(string module)
    {
        var forbidden = KamHubReferences(module)
            .Where(name => name != "KamHub.Core" && !KamHubAssemblies.IsContracts(name))
            .ToList();
        Assert.True(forbidden.Count == 0, $"{module} references module implementations: {string.Join(", ", forbidden)}");
    }

    [Theory]
    [MemberData(nameof(ContractsNames))]
    public void Contracts_ReferenceOnlyTheBaseClassLibraryAndOtherContracts(string contracts)
    {
        var forbidden = KamHubAssemblies.Load(contracts).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !IsBaseClassLibrary(name) && !KamHubAssemblies.IsContracts(name))
            .ToList();
        Assert.True(forbidden.Count == 0, $"{contracts} must stay plain records and interfaces; it references {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void Core_ReferencesNoModule()
    {
        var modules = KamHubReferences("KamHub.Core").ToList();
        Assert.True(modules.Count == 0, $"KamHub.Core references {string.Join(", ", modules)}");
    }

    private static IEnumerable<string> KamHubReferences(string assembly) =>
        KamHubAssemblies.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name.StartsWith("KamHub.", StringComparison.Ordinal) && name != assembly);

    private static bool IsBaseClassLibrary(string name) =>
        name is "netstandard" or "mscorlib" || name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
