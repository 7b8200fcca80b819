using System.Text.Json;
using KamHub.Core.Errors;

namespace KamHub.Partners.Onboarding;

/// <summary>Where an operator's payouts go: a Russian bank account (BIK of the bank, 20-digit account) and its holder.</summary>
internal sealed record PayoutDetails(string? AccountHolder, string? BankCode, string? Account)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ValidationErrors Check(ValidationErrors errors, string field)
    {
        errors.Required(AccountHolder, $"{field}.accountHolder", 300).Storable(AccountHolder, $"{field}.accountHolder");
        errors.When(!Digits(BankCode, 9), $"{field}.bankCode", "must be the bank's 9-digit BIK.");
        errors.When(!Digits(Account, 20), $"{field}.account", "must be a 20-digit account number.");
        return errors;
    }

    public PayoutDetails Normalized() => new(AccountHolder!.Trim(), BankCode, Account);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PayoutDetails? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<PayoutDetails>(json, Json);

    public static bool Digits(string? value, params int[] lengths) => value is not null && lengths.Contains(value.Length) && value.All(char.IsAsciiDigit);
}
