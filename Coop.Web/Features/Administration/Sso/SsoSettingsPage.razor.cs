using Coop.Domain.Organizations;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>Settings → Single sign-on: provider, client, who may sign in, default role, SSO only with a break-glass admin, and a discovery test.</summary>
public sealed partial class SsoSettingsPage
{
    private FormModel? form;
    private IReadOnlyList<SsoChoice> roles = [];
    private IReadOnlyList<SsoChoice> admins = [];
    private bool saving;
    private bool testing;
    private SsoTestResult? testResult;

    [Inject]
    private IQueryHandler<GetSsoSettingsQuery, SsoSettingsView> GetSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveSsoSettingsCommand, SsoSettingsView> SaveSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<TestSsoConfigurationCommand, SsoTestResult> TestConfiguration { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private string RedirectUri { get; set; } = string.Empty;

    private string DefaultButtonName => form?.ProviderKind == SsoProviderKind.EntraId ? "Microsoft" : "single sign-on";

    protected override async Task OnInitializedAsync() => Show(await GetSettings.HandleAsync(new GetSsoSettingsQuery()));

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var f = form!;
            Show(await SaveSettings.HandleAsync(new SaveSsoSettingsCommand(f.Enabled, f.ProviderKind, f.DisplayName, f.Authority, f.TenantId, f.Instance, f.ClientId,
                string.IsNullOrEmpty(f.NewSecret) ? null : f.NewSecret, f.ClearingSecret && string.IsNullOrEmpty(f.NewSecret), f.Scopes,
                [f.Domains ?? string.Empty], f.DefaultRoleId, f.SsoOnly, f.BreakGlassUserId)));
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved the single sign-on settings.", Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task TestAsync()
    {
        testing = true;
        try
        {
            testResult = await TestConfiguration.HandleAsync(new TestSsoConfigurationCommand(form!.ProviderKind, form.Authority, form.TenantId, form.Instance));
            Errors = new Dictionary<string, string[]>();
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
            testResult = new SsoTestResult(false, string.Join(" ", ex.Errors.Values.SelectMany(v => v)));
        }
        finally
        {
            testing = false;
        }
    }

    private void ClearSecret()
    {
        form!.ClearingSecret = true;
        form.ReplacingSecret = true;
        form.NewSecret = null;
    }

    private void Show(SsoSettingsView view)
    {
        form = FormModel.From(view);
        roles = view.Roles;
        admins = view.LocalAdmins;
        RedirectUri = Navigation.BaseUri.TrimEnd('/') + view.CallbackPath;
    }

    private bool Has(string key) => Errors.ContainsKey(key);

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private sealed class FormModel
    {
        public bool Enabled { get; set; }

        public SsoProviderKind ProviderKind { get; set; }

        public string? DisplayName { get; set; }

        public string? Authority { get; set; }

        public string? TenantId { get; set; }

        public string? Instance { get; set; }

        public string? ClientId { get; set; }

        public bool SecretSet { get; init; }

        public DateTime? SecretChangedAt { get; init; }

        public bool ReplacingSecret { get; set; }

        public bool ClearingSecret { get; set; }

        public string? NewSecret { get; set; }

        public string? Scopes { get; set; }

        public string? Domains { get; set; }

        public string? DefaultRoleId { get; set; }

        public bool SsoOnly { get; set; }

        public string? BreakGlassUserId { get; set; }

        public static FormModel From(SsoSettingsView v) => new()
        {
            Enabled = v.Enabled,
            ProviderKind = v.ProviderKind,
            DisplayName = v.DisplayName,
            Authority = v.Authority,
            TenantId = v.TenantId,
            Instance = v.Instance,
            ClientId = v.ClientId,
            SecretSet = v.ClientSecretSet,
            SecretChangedAt = v.ClientSecretChangedAt,
            Scopes = v.Scopes,
            Domains = string.Join('\n', v.AllowedDomains),
            DefaultRoleId = v.DefaultRoleId,
            SsoOnly = v.SsoOnly,
            BreakGlassUserId = v.BreakGlassUserId,
        };
    }
}
