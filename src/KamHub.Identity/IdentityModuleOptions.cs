namespace KamHub.Identity;

/// <summary>Identity settings (section <c>KamHub:Identity</c>): the failed-login limits.</summary>
internal sealed class IdentityModuleOptions
{
    public const string SectionName = "KamHub:Identity";

    /// <summary>Failed sign-ins one account may have within <see cref="FailureWindow"/> before it is locked.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins one client address may have within <see cref="FailureWindow"/>, across accounts.</summary>
    public int MaxFailuresPerIp { get; set; } = 20;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
