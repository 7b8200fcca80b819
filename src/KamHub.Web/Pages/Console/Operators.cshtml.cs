using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// Operator onboarding (Partners' admin API): the applications waiting for a decision, approved or rejected (with the
/// reason the operator is told) from here; an approved organisation's changed documents (ADR 0025) under "documents to
/// review", approved or rejected with scope documents, each document marked new or not and scanned or not.
/// </summary>
internal sealed class OperatorsModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "pending";
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<OperatorApplicationView> Applications { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public Guid? Refused { get; private set; }
    public string? Failure { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>A document of an application under review, from the API (the browser holds no API token of its own).</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid operatorId, Guid id, CancellationToken ct)
    {
        var file = await api.GetFileAsync($"/api/admin/operator-applications/{operatorId}/documents/{id}", ct);
        return file.Ok ? File(file.Value!.Content, file.Value.ContentType, file.Value.FileName) : NotFound();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid operatorId, string? scope, CancellationToken ct) =>
        await DecideAsync(operatorId, await api.PostAsync<OperatorApplicationView>($"/api/admin/operator-applications/{operatorId}/approve{Scope(scope)}", null, ct), ct);

    public async Task<IActionResult> OnPostRejectAsync(Guid operatorId, string? scope, CancellationToken ct) =>
        await DecideAsync(operatorId, await api.PostAsync<OperatorApplicationView>($"/api/admin/operator-applications/{operatorId}/reject{Scope(scope)}",
            new { reason = Reason }, ct), ct);

    private static string Scope(string? scope) => scope is null ? "" : "?scope=" + Uri.EscapeDataString(scope);

    private async Task<IActionResult> DecideAsync(Guid operatorId, ApiResult<OperatorApplicationView> result, CancellationToken ct)
    {
        if (result.Ok) return Redirect("/console/operators" + (Status is null or "pending" ? "" : "?status=" + Uri.EscapeDataString(Status)));
        Refused = operatorId;
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var status = Status is "pending" or "approved" or "rejected" or "documents-review" ? Status : "pending";
        Applications = (await api.GetAsync<Page<OperatorApplicationView>>($"/api/admin/operator-applications?status={status}&limit=50", ct)).Value?.Items ?? [];
    }
}
