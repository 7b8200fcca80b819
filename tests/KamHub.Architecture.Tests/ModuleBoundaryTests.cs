using System.Reflection;

namespace KamHub.Architecture.Tests;

/// <summary>
/// The rules of ARCHITECTURE.md, checked by reflection over the built assemblies (NetArchTest is not in the
/// registry we can reach). A module may use Core and other modules' .Contracts, never their internals.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] Modules = ["Identity", "Discovery"];

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    public static TheoryData<string> ModuleNames() => new(Modules);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_DoesNotReferenceAnotherModulesImplementation(string module)
    {
        var referenced = Load($"KamHub.{module}").GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var forbidden = Modules.Where(m => m != module).Select(m => $"KamHub.{m}");
        Assert.Empty(referenced.Intersect(forbidden));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Contracts_ReferenceNoModuleImplementationAndNoCore(string module)
    {
        var referenced = Load($"KamHub.{module}.Contracts").GetReferencedAssemblies().Select(a => a.Name!);
        Assert.DoesNotContain(referenced, name => name.StartsWith("KamHub.", StringComparison.Ordinal) && !name.EndsWith(".Contracts", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_DoesNotReferenceAnyModule()
    {
        var referenced = Load("KamHub.Core").GetReferencedAssemblies().Select(a => a.Name!);
        Assert.DoesNotContain(referenced, name => Modules.Any(m => name.StartsWith($"KamHub.{m}", StringComparison.Ordinal)));
    }
}
