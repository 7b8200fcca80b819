using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.Data;

/// <summary>The Identity module's tables. Only this module reads or writes them.</summary>
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Identity";

    public override string ModuleName => "identity";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
