using KamHub.Core.Errors;
using KamHub.Partners.Data;

namespace KamHub.Partners.Onboarding.SubmitApplication;

internal sealed record SubmitApplicationRequest(string? LegalName, string? TaxId, string? ContactEmail, string? ContactPhone, PayoutDetails? PayoutDetails)
{
    public ValidationErrors Check()
    {
        var errors = new ValidationErrors()
            .Required(LegalName, "legalName", OperatorApplication.NameMaxLength).Storable(LegalName, "legalName")
            .Required(ContactEmail, "contactEmail", 254).Storable(ContactEmail, "contactEmail")
            .Phone(ContactPhone, "contactPhone");
        errors.When(!PayoutDetails.Digits(TaxId, 10, 12), "taxId", "must be an INN of 10 (organisation) or 12 (entrepreneur) digits.");
        errors.When(ContactEmail is not null && !ContactEmail.Contains('@', StringComparison.Ordinal), "contactEmail", "must be an e-mail address.");
        if (PayoutDetails is null) errors.Add("payoutDetails", "is required.");
        else PayoutDetails.Check(errors, "payoutDetails");
        return errors;
    }
}
