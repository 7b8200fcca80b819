using KamHub.Events.TestModule;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KamHub.IntegrationTests.Events;

public sealed record CapturedLog(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

/// <summary>Keeps every log line with the values of its logging scopes, to prove what a handler's lines carry.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            owner._scopes.ForEachScope((value, map) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object>> pairs)
                    foreach (var (key, item) in pairs) map[key] = item;
            }, scope);
            owner.Lines.Enqueue(new CapturedLog(category, formatter(state, exception), scope));
        }
    }
}
