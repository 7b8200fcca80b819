namespace KamHub.Core.Features.Data;

/// <summary>One change of one flag: who, when, and the whole state before and after (JSON), kept for good.</summary>
internal sealed class FlagChangeRow
{
    public const int ChangeMaxLength = 16;
    public const int ChangedByMaxLength = 300;

    public long Id { get; set; }

    public required string FlagName { get; set; }

    /// <summary><c>created</c>, <c>updated</c> or <c>deleted</c>.</summary>
    public required string Change { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ChangedAt { get; set; }

    public required string ChangedBy { get; set; }

    /// <summary><see cref="FlagState"/> JSON before the change; null when it created the flag.</summary>
    public string? OldValue { get; set; }

    /// <summary><see cref="FlagState"/> JSON after the change; null when it deleted the flag.</summary>
    public string? NewValue { get; set; }
}
