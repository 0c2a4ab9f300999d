using Coop.Domain.ChildSafety;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.ChildSafety.Settings;

/// <summary>Settings → Child Safety: CyberTipline credentials (write-only), reporter details, webhooks, review and follow-up.</summary>
public sealed partial class ChildSafetySettingsPage
{
    private readonly Dictionary<NcmecEnvironment, CredentialForm> credentialForms = new()
    {
        [NcmecEnvironment.Test] = new(),
        [NcmecEnvironment.Production] = new(),
    };

    private readonly Dictionary<NcmecEnvironment, NcmecConnectionCheck> checks = [];
    private NcmecSettingsView? view;
    private FormModel model = new();
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private bool busy;
    private bool saved;

    [Inject] private IQueryHandler<GetNcmecSettingsQuery, NcmecSettingsView> GetSettings { get; set; } = default!;

    [Inject] private ICommandHandler<SaveNcmecSettingsCommand, NcmecSettingsView> SaveSettings { get; set; } = default!;

    [Inject] private ICommandHandler<CheckNcmecConnectionCommand, NcmecConnectionCheck> CheckConnection { get; set; } = default!;

    protected override async Task OnInitializedAsync() => Show(await GetSettings.HandleAsync(new GetNcmecSettingsQuery()));

    private CredentialForm Credentials(NcmecEnvironment environment) => credentialForms[environment];

    private static string CredentialField(NcmecEnvironment environment) =>
        environment == NcmecEnvironment.Test ? nameof(SaveNcmecSettingsCommand.TestCredentials) : nameof(SaveNcmecSettingsCommand.ProductionCredentials);

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void Show(NcmecSettingsView settings)
    {
        view = settings;
        model = FormModel.From(settings.Values);
        foreach (var form in credentialForms.Values)
        {
            form.Reset();
        }
    }

    private NcmecCredentialChange? ChangeFor(NcmecEnvironment environment)
    {
        var form = credentialForms[environment];
        if (form.Clearing)
        {
            return NcmecCredentialChange.Remove;
        }

        return string.IsNullOrEmpty(form.Username) && string.IsNullOrEmpty(form.Password) ? null : new NcmecCredentialChange(form.Username, form.Password);
    }

    private async Task SaveAsync()
    {
        busy = true;
        saved = false;
        try
        {
            Show(await SaveSettings.HandleAsync(new SaveNcmecSettingsCommand(model.ToValues(), ChangeFor(NcmecEnvironment.Test), ChangeFor(NcmecEnvironment.Production))));
            errors = new Dictionary<string, string[]>();
            saved = true;
        }
        catch (ValidationFailedException ex)
        {
            errors = ex.Errors;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CheckAsync(NcmecEnvironment environment)
    {
        busy = true;
        try
        {
            checks[environment] = await CheckConnection.HandleAsync(new CheckNcmecConnectionCommand(environment));
            view = await GetSettings.HandleAsync(new GetNcmecSettingsQuery());
        }
        finally
        {
            busy = false;
        }
    }

    private sealed class CredentialForm
    {
        public string? Username { get; set; }

        public string? Password { get; set; }

        public bool Editing { get; set; }

        public bool Clearing { get; set; }

        public void Reset() => (Username, Password, Editing, Clearing) = (null, null, false, false);
    }

    private sealed class FormModel
    {
        public NcmecEnvironment ActiveEnvironment { get; set; }

        public string? ReporterEmail { get; set; }

        public string? ContactFirstName { get; set; }

        public string? ContactLastName { get; set; }

        public string? ContactPhone { get; set; }

        public string? ContactEmail { get; set; }

        public string? CompanyTemplate { get; set; }

        public string? EspServiceName { get; set; }

        public string? TermsOfService { get; set; }

        public string? LegalUrl { get; set; }

        public string? MoreInfoUrl { get; set; }

        public NcmecInternetDetailType? DefaultInternetDetailType { get; set; }

        public string? AdditionalInfoWebhookUrl { get; set; }

        public string? PreservationWebhookUrl { get; set; }

        public NcmecMediaReviewRequirement MediaReviewRequirement { get; set; }

        public int MinimumMediaToReview { get; set; } = 1;

        public IReadOnlyCollection<string> PostReportActionIds { get; set; } = [];

        public IReadOnlyCollection<string> PostReportPolicyIds { get; set; } = [];

        public static FormModel From(NcmecSettingsValues v) => new()
        {
            ActiveEnvironment = v.ActiveEnvironment,
            ReporterEmail = v.ReporterEmail,
            ContactFirstName = v.ContactFirstName,
            ContactLastName = v.ContactLastName,
            ContactPhone = v.ContactPhone,
            ContactEmail = v.ContactEmail,
            CompanyTemplate = v.CompanyTemplate,
            EspServiceName = v.EspServiceName,
            TermsOfService = v.TermsOfService,
            LegalUrl = v.LegalUrl,
            MoreInfoUrl = v.MoreInfoUrl,
            DefaultInternetDetailType = v.DefaultInternetDetailType,
            AdditionalInfoWebhookUrl = v.AdditionalInfoWebhookUrl,
            PreservationWebhookUrl = v.PreservationWebhookUrl,
            MediaReviewRequirement = v.MediaReviewRequirement,
            MinimumMediaToReview = v.MinimumMediaToReview,
            PostReportActionIds = [.. v.PostReportActionIds],
            PostReportPolicyIds = [.. v.PostReportPolicyIds],
        };

        public NcmecSettingsValues ToValues() => new(
            ActiveEnvironment, ReporterEmail, ContactFirstName, ContactLastName, ContactPhone, ContactEmail, CompanyTemplate, EspServiceName,
            TermsOfService, LegalUrl, MoreInfoUrl, DefaultInternetDetailType, AdditionalInfoWebhookUrl, PreservationWebhookUrl,
            MediaReviewRequirement, MinimumMediaToReview, [.. PostReportActionIds], [.. PostReportPolicyIds]);
    }
}
