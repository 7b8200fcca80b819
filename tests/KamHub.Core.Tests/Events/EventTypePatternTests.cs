using KamHub.Core.Events;

namespace KamHub.Core.Tests.Events;

public sealed class EventTypePatternTests
{
    [Theory]
    [InlineData("booking.confirmed", "booking.confirmed", true)]
    [InlineData("booking.confirmed", "booking.cancelled", false)]
    [InlineData("booking.*", "booking.confirmed", true)]
    [InlineData("booking.*", "booking.payment.failed", true)]
    [InlineData("booking.*", "bookings.confirmed", false)]
    [InlineData("booking.*", "payment.succeeded", false)]
    [InlineData("*", "payout.completed", true)]
    public void Matches_ExactPrefixAndAll_SelectTheRightTypes(string pattern, string type, bool expected) =>
        Assert.Equal(expected, EventTypePattern.Parse(pattern).Matches(type));

    [Theory]
    [InlineData("")]
    [InlineData("Booking.Confirmed")]
    [InlineData("booking.*.confirmed")]
    [InlineData("booking*")]
    [InlineData("**")]
    [InlineData("booking. confirmed")]
    public void TryParse_WhenNotAPattern_Refuses(string text) => Assert.False(EventTypePattern.TryParse(text, out _));

    [Fact]
    public void EventTypeInfo_ReadsNameAndVersionFromTheContractRecord()
    {
        var info = EventTypeInfo.Of<SampleHappened>();
        Assert.Equal("sample.happened", info.Name);
        Assert.Equal(2, info.Version);
    }

    [Fact]
    public void EventTypeInfo_WithoutAnEventName_ExplainsWhatIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventTypeInfo.Of<string>());
        Assert.Contains("EventName", error.Message);
    }

    private sealed record SampleHappened(int Value)
    {
        public const string EventName = "sample.happened";
        public const int EventVersion = 2;
    }
}
