using KamHub.Core.Errors;
using KamHub.Notifications.Data;

namespace KamHub.Notifications.Devices;

/// <summary>Field errors of a device registration, named by their JSON name.</summary>
internal static class DeviceValidator
{
    public static ValidationErrors Validate(RegisterDeviceRequest request)
    {
        var errors = new ValidationErrors();
        if (request.Platform is null) errors.Add("platform", "is required.");
        else errors.When(!PushPlatforms.All.Contains(request.Platform), "platform", $"must be one of: {string.Join(", ", PushPlatforms.All)}.");
        errors.Required(request.Token, "token", PushDevice.TokenMaxLength);
        if (!string.IsNullOrWhiteSpace(request.Token) && request.Token.Length <= PushDevice.TokenMaxLength)
        {
            // Tokens are printable ASCII without spaces (FCM: letters, digits, ':', '-', '_'; APNs: hex digits).
            errors.When(request.Token.Any(c => c is <= ' ' or > '~'), "token", "must be printable ASCII without spaces.");
            errors.When(request.Platform == PushPlatforms.Apns && !request.Token.All(char.IsAsciiHexDigit), "token", "an APNs device token is hex digits.");
        }

        return errors;
    }
}
