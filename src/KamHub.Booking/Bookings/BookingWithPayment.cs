namespace KamHub.Booking.Bookings;

/// <summary>
/// A booking as its booker reads it right after booking or later: every field of <see cref="BookingDto"/> plus the
/// payment (where to pay while it is pending), or <c>"payment": null</c> without a Payments module or before one
/// was started. A typed record so the OpenAPI document describes exactly what is sent.
/// </summary>
/// <typeparam name="TPayment">What the POST knows (the payment it just started) or the GET reads (the payment as it is now).</typeparam>
internal sealed record BookingWithPayment<TPayment> : BookingDto where TPayment : class
{
    public BookingWithPayment(BookingDto booking, TPayment? payment) : base(booking) => Payment = payment;

    public TPayment? Payment { get; init; }
}
