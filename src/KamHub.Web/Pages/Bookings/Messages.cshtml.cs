using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Bookings;

/// <summary>
/// A booking's conversation between its tourist and its operator (Engagement's <c>/api/bookings/{id}/messages</c>): the
/// newest messages oldest first, a box to write, and reading the page moves the reader's read mark.
/// </summary>
internal sealed class MessagesModel(KamHubApi api) : PageModel
{
    /// <summary>A page of a conversation; older ones are behind the API's cursor.</summary>
    public const int Shown = 50;

    /// <summary>How often the page polls its list when it cannot hold a live stream.</summary>
    public const int PollSeconds = 10;

    [BindProperty] public string? Text { get; set; }

    public BookingView Booking { get; private set; } = null!;
    public IReadOnlyList<MessageView> Messages { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        // Seen on screen means read; an admin reading along has no mark to move (the API answers 403, which changes nothing here).
        if (Messages.Count > 0) await api.PostAsync<object>($"/api/bookings/{id}/messages/read", new { upTo = Messages[^1].Id }, ct);
        return Page();
    }

    /// <summary>The list alone, for the page's script when the live stream says the conversation changed; seen means read here too.</summary>
    public async Task<IActionResult> OnGetListAsync(Guid id, CancellationToken ct)
    {
        if (await OnGetAsync(id, ct) is not PageResult) return NotFound();
        return Partial("_MessageList", this);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await api.PostAsync<MessageView>($"/api/bookings/{id}/messages", new { text = Text }, ct);
        if (result.Ok) return Redirect($"/bookings/{id}/messages");
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    /// <summary>Whose words a message is, as the reader sees it.</summary>
    public string Who(MessageView message) =>
        message.SenderId.ToString() == User.FindFirst("sub")?.Value ? Localization.UiText.T("you") : Localization.UiText.T("party-" + message.SenderParty);

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var booking = await api.GetAsync<BookingView>($"/api/bookings/{id}", ct);
        if (!booking.Ok) return booking.Status == 403 ? Forbid() : NotFound();
        Booking = booking.Value!;
        var page = await api.GetAsync<MessagePageView>($"/api/bookings/{id}/messages?limit={Shown}", ct);
        if (page.Status == 404) return NotFound();
        Messages = page.Value?.Items.Reverse().ToList() ?? [];
        return null;
    }
}
