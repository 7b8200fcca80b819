using KamHub.Core.DataToolkit;

namespace KamHub.Cli.Progress;

/// <summary>The data toolkit's progress drawn by <see cref="ConsoleProgress"/>, one item per module table.</summary>
internal sealed class DataProgress(ConsoleProgress console) : IDataProgress
{
    public void TableStarted(string module, string table, long totalRows, long alreadyDone) => console.Start(Name(module, table), totalRows, alreadyDone);

    public void RowsDone(string module, string table, long rows, long done) => console.Advance(Name(module, table), rows, done);

    public void TableFinished(string module, string table, long rows) => console.Finish(Name(module, table), rows);

    private static string Name(string module, string table) => module + "." + table;
}
