using System.Text.RegularExpressions;

namespace KamHub.Core.Features;

/// <summary>
/// Flag names are per module: <c>&lt;module&gt;.&lt;feature&gt;</c> in lower case, dots between segments and dashes
/// inside them (<c>booking.instant-confirm</c>, <c>data.read-switch.booking</c>).
/// </summary>
public static partial class FlagNames
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    /// <summary>The module a flag belongs to: its first segment.</summary>
    public static string Module(string name) => name.Split('.', 2)[0];

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    private static partial Regex Pattern();
}
