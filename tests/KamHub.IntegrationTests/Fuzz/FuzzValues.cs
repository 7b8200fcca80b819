namespace KamHub.IntegrationTests.Fuzz;

/// <summary>The hostile values every operation gets, as JSON literals (bodies) and as raw text (query and route).</summary>
internal static class FuzzValues
{
    /// <summary>Big enough to pass every column limit, small enough to stay under the 1 MiB body limit.</summary>
    public static readonly string Huge = new('x', 200_000);

    public static readonly string[] Json =
    [
        "null", "\"\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u001b[31m\"", "\"\\u202Eevil\\u202C\"", "\"🐻‍❄️🌋\"", "\"\\ud800\"",
        "\"" + Huge + "\"", "-1", "0", "2147483648", "-9223372036854775809", "1e308", "1.5", "true", "[]", "{}", "[null]",
        "\"not-a-guid\"", "\"00000000-0000-0000-0000-000000000000\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01\"", "\"2027-02-30\"",
    ];

    public static readonly string[] MalformedBodies =
    [
        "{", "[]", "null", "\"text\"", "42", "{\"a\":1,\"a\":2}", "{\"\\u0000\":1}", "not json", "{\"x\":" + new string('[', 2000),
    ];

    public static readonly string[] Text =
    [
        "-1", "0", "2147483648", "99999999999999999999", "1e308", "NaN", "abc", "", "%00", "a%00b", "%1B", "%E2%80%AEevil", "%F0%9F%90%BB",
        "%ED%A0%80", "not-a-guid", "00000000-0000-0000-0000-000000000000", "9999-12-31", "0001-01-01T00:00:00Z", "2027-02-30", "true,false",
        new string('x', 5000),
    ];
}
