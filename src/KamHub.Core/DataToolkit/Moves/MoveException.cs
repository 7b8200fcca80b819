namespace KamHub.Core.DataToolkit.Moves;

/// <summary>A move request that cannot be done: <see cref="Status"/> is the HTTP answer (404 no such move/module, 409 wrong step, 422 bad request).</summary>
public sealed class MoveException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>Recognises a write refused by a fenced side (the capture trigger's error, on either provider).</summary>
public static class MoveFence
{
    public static bool IsFenced(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: CaptureState.FenceSqlState }) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException && e.Message.Contains(CaptureState.FenceMessage, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
