namespace KamHub.Identity;

/// <summary>
/// Identity settings (section <c>KamHub:Identity</c>): how failed sign-ins are throttled (docs/operations.md, "Sign-in
/// throttling"). Failures count within <see cref="FailureWindow"/>, per (account, client address), per account and per
/// client address; a right password from an address without failures is never refused.
/// </summary>
internal sealed class IdentityModuleOptions
{
    public const string SectionName = "KamHub:Identity";

    /// <summary>Failed sign-ins one client address may make on one account before it has to wait.</summary>
    public int FreeFailuresPerClient { get; set; } = 5;

    /// <summary>The wait after the first failure past the free ones; it doubles with every further failure.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait one (account, address) pair is given.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed sign-ins one account may have from all addresses together. Past it, only addresses that have not failed
    /// on the account within the window are still checked: a guesser spread over many addresses gets one guess per
    /// address per window, and the owner signing in from their own address is not locked out.
    /// </summary>
    public int MaxFailuresPerAccount { get; set; } = 50;

    /// <summary>Failed sign-ins one client address may have within <see cref="FailureWindow"/>, across accounts.</summary>
    public int MaxFailuresPerIp { get; set; } = 20;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsValid() =>
        FreeFailuresPerClient > 0 && MaxFailuresPerAccount > 0 && MaxFailuresPerIp > 0 && FailureWindow > TimeSpan.Zero &&
        FirstDelay > TimeSpan.Zero && MaxDelay >= FirstDelay;
}
