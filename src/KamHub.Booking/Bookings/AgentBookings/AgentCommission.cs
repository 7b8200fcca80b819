using KamHub.Booking.Data;
using KamHub.Payments.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Booking.Bookings.AgentBookings;

/// <summary>
/// What an agent earned on its bookings, as Payments' ledger has it (ADR 0023): its share of what each client finally paid
/// (captured − refunded, refunds made by an admin included), asked through <see cref="IPaymentDirectory"/> in chunks.
/// Without a Payments module in the process nothing was paid, so nothing was earned.
/// </summary>
internal static class AgentCommission
{
    private const int Chunk = 500;

    public static async Task<Dictionary<Guid, AgentSaleMoney>> OfAsync(IServiceProvider services, IReadOnlyList<Guid> bookingIds, CancellationToken ct)
    {
        var money = new Dictionary<Guid, AgentSaleMoney>();
        if (services.GetService<IPaymentDirectory>() is not { } payments) return money;
        foreach (var chunk in bookingIds.Chunk(Chunk))
            foreach (var (id, sale) in await payments.AgentSalesAsync(chunk, ct)) money[id] = sale;
        return money;
    }
}
