using System.Globalization;
using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>Reading a classifier's organization settings, with the manifest's defaults for what is unset.</summary>
internal static class ClassifierSettings
{
    public const string TimeoutKey = "timeoutSeconds";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static SignalConfigurationField TimeoutField { get; } = new(
        TimeoutKey, "Timeout (seconds)", SignalFieldType.Number, Description: "How long to wait for an answer (0.1 to 60).", DefaultValue: "5");

    public static string? Value(this SignalRequest request, string key, SignalManifest manifest) =>
        request.Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : manifest.OrganizationFields.FirstOrDefault(f => f.Key == key)?.DefaultValue;

    public static string? Argument(this SignalRequest request, string key) =>
        request.Arguments.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static TimeSpan Timeout(this SignalRequest request) =>
        request.Settings.TryGetValue(TimeoutKey, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.1 and <= 60
            ? TimeSpan.FromSeconds(seconds)
            : DefaultTimeout;

    /// <summary>The endpoint as an absolute http(s) URI, or null.</summary>
    public static Uri? HttpUri(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
