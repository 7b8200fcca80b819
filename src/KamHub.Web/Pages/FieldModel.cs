using KamHub.Web.Api;

namespace KamHub.Web.Pages;

/// <param name="Key">The API's name of the field, whose errors show under the input.</param>
internal sealed record FieldModel(string Id, string Name, string Label, string? Value, string Key, FieldErrors Errors, string Type = "text",
    string? Autocomplete = null, string? Min = null, bool Required = false);
