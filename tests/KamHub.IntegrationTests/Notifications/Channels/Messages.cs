using KamHub.Notifications.Channels;

namespace KamHub.IntegrationTests.Notifications.Channels;

internal static class Messages
{
    public static OutgoingMessage Email(string to = "anna@example.com") => new(Guid.NewGuid(), NotificationChannel.Email, to, "Анна Петрова",
        "Бронирование KH-2041 подтверждено", "Ваш тур «Вулканы» 24 ноября.", "<p>Ваш тур <b>«Вулканы»</b> 24 ноября.</p>");

    public static OutgoingMessage Sms(string to = "+79001234567") =>
        new(Guid.NewGuid(), NotificationChannel.Sms, to, null, null, "KamHub: бронь KH-2041 подтверждена", null);

    public static OutgoingMessage Push(string token = "device-token-1") => new(Guid.NewGuid(), NotificationChannel.Push, token, null,
        "Booking confirmed", "KH-2041, Volcanoes, 24 Nov", null, new Dictionary<string, string> { ["bookingId"] = "KH-2041" });
}
