using KamHub.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>
/// The organisation's onboarding application (Partners' <c>/api/operator/application</c>, ADR 0020): legal details and
/// payout details, sent for the admin's review; its status and a rejection's reason. Until approved the organisation
/// drafts tours but neither publishes nor is paid out; new payout details of an approved one wait for review.
/// </summary>
internal sealed class ApplicationModel(KamHubApi api) : PageModel
{
    [BindProperty] public string? LegalName { get; set; }
    [BindProperty] public string? TaxId { get; set; }
    [BindProperty] public string? ContactEmail { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? AccountHolder { get; set; }
    [BindProperty] public string? BankCode { get; set; }
    [BindProperty] public string? Account { get; set; }

    public OwnApplicationView? Current { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }
    public bool Sent { get; private set; }

    /// <summary>The file chosen in the documents form.</summary>
    [BindProperty] public IFormFile? Document { get; set; }

    public bool Attached { get; private set; }

    /// <summary>The documents form's refusal, shown under its file input.</summary>
    public FieldErrors DocumentErrors { get; private set; } = FieldErrors.None;

    public async Task OnGetAsync(bool sent, bool attached, CancellationToken ct)
    {
        Sent = sent;
        Attached = attached;
        await LoadAsync(ct);
        if (Current is not { } a) return;
        (LegalName, TaxId, ContactEmail, ContactPhone) = (a.LegalName, a.TaxId, a.ContactEmail, a.ContactPhone);
        var payout = a.PendingPayoutDetails ?? a.PayoutDetails;
        (AccountHolder, BankCode, Account) = (payout.AccountHolder, payout.BankCode, payout.Account);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var body = new
        {
            legalName = LegalName,
            taxId = TaxId?.Trim(),
            contactEmail = ContactEmail?.Trim(),
            contactPhone = string.IsNullOrWhiteSpace(ContactPhone) ? null : ContactPhone,
            payoutDetails = new { accountHolder = AccountHolder, bankCode = BankCode?.Trim(), account = Account?.Replace(" ", "", StringComparison.Ordinal) },
        };
        var result = await api.PutAsync<OwnApplicationView>("/api/operator/application", body, ct);
        if (result.Ok) return Redirect("/desk/application?sent=true");
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAttachAsync(CancellationToken ct)
    {
        ApiResult<DocumentView> result;
        if (Document is null || Document.Length == 0)
            result = new ApiResult<DocumentView>(400, null, new ApiProblem(400, null, null, new Dictionary<string, string[]> { ["file"] = [Localization.UiText.T("choose-file")] }));
        else
        {
            await using var content = Document.OpenReadStream();
            result = await api.PostFileAsync<DocumentView>("/api/operator/application/documents", "file", Document.FileName, content, ct);
        }

        if (result.Ok) return Redirect("/desk/application?attached=true#documents");
        DocumentErrors = new FieldErrors(result.Problem!.Errors);
        Failure = DocumentErrors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        await OnGetAsync(false, false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        var result = await api.DeleteAsync($"/api/operator/application/documents/{id}", ct);
        if (result.Done) return Redirect("/desk/application#documents");
        Failure = result.Why;
        Response.StatusCode = result.PageStatus;
        await OnGetAsync(false, false, ct);
        return Page();
    }

    /// <summary>One of the organisation's documents, from the API (the browser holds no API token of its own).</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, CancellationToken ct)
    {
        var file = await api.GetFileAsync($"/api/operator/application/documents/{id}", ct);
        return file.Ok ? File(file.Value!.Content, file.Value.ContentType, file.Value.FileName) : NotFound();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var current = await api.GetAsync<OwnApplicationView>("/api/operator/application", ct);
        Current = current.Value;
        // 404: not applied yet, the form is empty; anything else is worth saying.
        if (!current.Ok && current.Status != 404) Failure ??= current.Why;
    }
}
