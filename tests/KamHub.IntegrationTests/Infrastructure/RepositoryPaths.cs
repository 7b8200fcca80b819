namespace KamHub.IntegrationTests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The checkout root (the folder holding KamHub.slnx), found from the test binaries.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KamHub.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("KamHub.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The kamhub executable built beside the tests.</summary>
    public static string KamHubDll => Path.Combine(AppContext.BaseDirectory, "kamhub.dll");
}
