namespace KamHub.Core.Migrations;

public sealed class MigrationException(string message) : Exception(message);
