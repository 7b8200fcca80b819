namespace KamHub.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
