namespace KamHub.Notifications.Triggers;

/// <summary>Template folder names of what the triggers send.</summary>
internal static class NotificationTypes
{
    public const string BookingConfirmed = "booking-confirmed";
    public const string BookingNew = "booking-new";
    public const string BookingCancelled = "booking-cancelled";
    public const string BookingExpired = "booking-expired";
    public const string PaymentRefunded = "payment-refunded";
    public const string Reminder = "reminder";
    public const string MessageNew = "message-new";
    public const string AssignmentCreated = "assignment-created";
    public const string AssignmentChanged = "assignment-changed";
    public const string AssignmentCancelled = "assignment-cancelled";
    public const string AssignmentReminder = "assignment-reminder";
    public const string AgentGranted = "agent-granted";
    public const string AgentRevoked = "agent-revoked";
    public const string OperatorApproved = "operator-approved";
    public const string OperatorRejected = "operator-rejected";
}
