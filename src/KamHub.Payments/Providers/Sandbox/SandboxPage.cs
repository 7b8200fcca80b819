using System.Globalization;
using System.Net;
using KamHub.Payments.Data;

namespace KamHub.Payments.Providers.Sandbox;

/// <summary>The hosted page: plain HTML, no scripts; the buttons are forms posting to …/pay and …/decline.</summary>
internal static class SandboxPage
{
    public static string Render(Payment payment)
    {
        var amount = (payment.AmountMinor / 100m).ToString("N2", CultureInfo.InvariantCulture);
        var reference = WebUtility.HtmlEncode(payment.BookingReference);
        var currency = WebUtility.HtmlEncode(payment.Currency);
        var actions = payment.Status == PaymentStatus.Pending
            ? $"""
              <form method="post" action="/pay/sandbox/{payment.Id}/pay"><button type="submit" name="pay">Pay {amount} {currency}</button></form>
              <form method="post" action="/pay/sandbox/{payment.Id}/decline"><button type="submit" name="decline">Decline</button></form>
              """
            : $"<p>This payment is <strong id=\"status\">{WebUtility.HtmlEncode(payment.Status)}</strong>.</p>";
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>KamHub sandbox payment {reference}</title></head>
            <body>
            <h1>KamHub sandbox payment</h1>
            <p>Test provider: no real money moves.</p>
            <dl><dt>Booking</dt><dd id="reference">{reference}</dd><dt>Amount</dt><dd id="amount">{amount} {currency}</dd></dl>
            {actions}
            </body></html>
            """;
    }
}
