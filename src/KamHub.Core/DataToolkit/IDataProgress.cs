namespace KamHub.Core.DataToolkit;

/// <summary>
/// What long toolkit work reports as it goes: the CLI draws it (a live bar per table on a terminal, plain lines
/// otherwise); a server-side move would feed metrics from it. Called from several tables' tasks at once.
/// </summary>
public interface IDataProgress
{
    /// <summary><paramref name="alreadyDone"/> rows were committed by an earlier run (a resume).</summary>
    void TableStarted(string module, string table, long totalRows, long alreadyDone);

    /// <summary>A chunk of <paramref name="rows"/> rows is committed (copy) or read (verify); <paramref name="done"/> counts the table's rows so far.</summary>
    void RowsDone(string module, string table, long rows, long done);

    void TableFinished(string module, string table, long rows);
}

public sealed class NoProgress : IDataProgress
{
    public static readonly NoProgress Instance = new();

    public void TableStarted(string module, string table, long totalRows, long alreadyDone)
    {
    }

    public void RowsDone(string module, string table, long rows, long done)
    {
    }

    public void TableFinished(string module, string table, long rows)
    {
    }
}
