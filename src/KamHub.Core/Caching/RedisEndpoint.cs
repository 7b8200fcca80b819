namespace KamHub.Core.Caching;

/// <summary>"host:port[,password=...][,ssl=false]" as in StackExchange.Redis connection strings (the subset we use).</summary>
internal sealed record RedisEndpoint(string Host, int Port, string? Password)
{
    public static RedisEndpoint Parse(string connectionString)
    {
        var parts = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hostPort = parts[0].Split(':');
        var password = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(kv => kv[0].Equals("password", StringComparison.OrdinalIgnoreCase))?[1];
        return new RedisEndpoint(hostPort[0], hostPort.Length > 1 ? int.Parse(hostPort[1], System.Globalization.CultureInfo.InvariantCulture) : 6379, password);
    }
}
