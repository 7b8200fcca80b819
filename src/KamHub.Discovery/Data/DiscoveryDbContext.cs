using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Data;

/// <summary>The Discovery module's tables. Only this module reads or writes them.</summary>
internal sealed class DiscoveryDbContext(DbContextOptions<DiscoveryDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Discovery";

    public override string ModuleName => "discovery";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
