using System.Reflection;

namespace KamHub.Architecture.Tests;

/// <summary>The KamHub assemblies copied beside the tests (the executable's references), sorted by what they are.</summary>
internal static class KamHubAssemblies
{
    private const string Core = "KamHub.Core";

    public static IReadOnlyList<string> Modules() =>
        All().Where(name => !IsContracts(name) && name != Core && !name.StartsWith(Core + ".", StringComparison.Ordinal)).ToList();

    public static IReadOnlyList<string> Contracts() => All().Where(IsContracts).ToList();

    public static bool IsContracts(string name) => name.StartsWith("KamHub.", StringComparison.Ordinal) && name.EndsWith(".Contracts", StringComparison.Ordinal);

    public static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    private static IEnumerable<string> All() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "KamHub.*.dll")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
