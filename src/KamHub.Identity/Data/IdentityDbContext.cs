using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.Data;

/// <summary>The Identity module's tables. Only this module reads or writes them.</summary>
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Identity";

    public override string ModuleName => "identity";

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();

    // Constraint and index names are explicit and repeated verbatim in the hand-written migrations, so the model
    // and the schema cannot drift apart by naming convention. SQLite index names are global to the shared file,
    // hence the module prefix.
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id).HasName("pk_identity_users");
            user.Property(u => u.Email).HasMaxLength(User.EmailMaxLength);
            user.Property(u => u.NormalizedEmail).HasMaxLength(User.EmailMaxLength);
            user.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
            user.Property(u => u.Role).HasMaxLength(User.RoleMaxLength);
            user.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ix_identity_users_email");
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id).HasName("pk_identity_refresh_tokens");
            token.Property(t => t.TokenHash).HasMaxLength(RefreshToken.HashLength);
            token.HasIndex(t => t.TokenHash).IsUnique().HasDatabaseName("ix_identity_refresh_tokens_token_hash");
            token.HasIndex(t => t.UserId).HasDatabaseName("ix_identity_refresh_tokens_user_id");
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId)
                .HasConstraintName("fk_identity_refresh_tokens_users_user_id")
                .OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LoginFailure>(failure =>
        {
            failure.ToTable("login_failures");
            failure.HasKey(f => f.Id).HasName("pk_identity_login_failures");
            failure.Property(f => f.KeyHash).HasMaxLength(LoginFailure.KeyHashLength);
            failure.HasIndex(f => new { f.KeyHash, f.FailedAt }).HasDatabaseName("ix_identity_login_failures_key_hash_failed_at");
            failure.HasIndex(f => f.FailedAt).HasDatabaseName("ix_identity_login_failures_failed_at");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
