using KamHub.Core.Errors;

namespace KamHub.Booking.Bookings.CreateBooking;

internal sealed record ParticipantRequest(string? Name);

internal sealed record ContactRequest(string? Email, string? Phone);

/// <summary>
/// Adults pay the departure's price, children its child fare (see <see cref="Data.Departure.ChildFare"/>); every person
/// takes a seat. The seats are adults plus children: not a field of the contract (a "seats" in the body is refused as
/// unknown), so a client cannot send a number that disagrees with the people it lists.
/// </summary>
/// <param name="Points">Loyalty points to spend on the booking (optional): each is one whole unit of the currency off the price,
/// up to a configured share of it (ADR 0019).</param>
/// <param name="ClientUserId">An agent booking for a client who has a tourist account (optional): the booking is that account's,
/// which sees it as its own (ADR 0023). Agents only.</param>
internal sealed record CreateBookingRequest(Guid? DepartureId, int? Adults, int? Children, IReadOnlyList<ParticipantRequest?>? Participants, ContactRequest? Contact,
    long? Points = null, Guid? ClientUserId = null)
{
    public const long MaxPoints = 100_000_000;

    /// <summary>A method, not a property: a property (even ignored) would make "seats" a known field the body may carry.</summary>
    public int Seats() => (Adults ?? 0) + (Children ?? 0);

    public ValidationErrors Validate(int maxSeats)
    {
        var errors = new ValidationErrors();
        errors.When(DepartureId is null || DepartureId == Guid.Empty, "departureId", "is required.");
        errors.When(Adults is null or < 1, "adults", "must be at least 1.");
        errors.When(Children is < 0, "children", "must not be negative.");
        errors.When(Points is < 0 or > MaxPoints, "points", $"must be between 0 and {MaxPoints}.");
        errors.When(Seats() > maxSeats, "adults", $"adults and children together must be at most {maxSeats}.");
        if (Participants is null) errors.Add("participants", "is required: one entry per seat.");
        else
        {
            errors.When(Participants.Count != Seats(), "participants", $"must list one participant per seat ({Seats()}).");
            for (var i = 0; i < Participants.Count; i++) errors.Required(Participants[i]?.Name, $"participants[{i}].name", 200);
        }

        if (Contact is null) errors.Add("contact", "is required.");
        else
        {
            errors.Required(Contact.Email, "contact.email", 254);
            errors.When(Contact.Email is { } email && !IsEmail(email), "contact.email", "must be an email address.");
            errors.Phone(Contact.Phone, "contact.phone");
        }

        return errors;
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 1 && value.IndexOf('@', at + 1) < 0 && !value.Any(char.IsWhiteSpace);
    }
}
