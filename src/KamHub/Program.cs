using KamHub.Cli;

return await CliRunner.RunAsync(args);

/// <summary>Entry point type, public so integration tests can host the app (WebApplicationFactory&lt;Program&gt;).</summary>
public partial class Program;
