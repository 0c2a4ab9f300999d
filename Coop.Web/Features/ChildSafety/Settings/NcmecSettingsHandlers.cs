using System.Net.Mail;
using Coop.Domain.Audit;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Settings;

internal sealed class NcmecSettingsHandlers(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, NcmecCredentialStore store, OutboundConnectGuard guard,
    IServiceProvider services, TimeProvider time)
    : IQueryHandler<GetNcmecSettingsQuery, NcmecSettingsView>,
      ICommandHandler<SaveNcmecSettingsCommand, NcmecSettingsView>,
      ICommandHandler<CheckNcmecConnectionCommand, NcmecConnectionCheck>
{
    public const int CredentialMaxLength = 256;

    public async Task<NcmecSettingsView> HandleAsync(GetNcmecSettingsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.NcmecSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? NcmecSettings.CreateDefault(actor.OrganizationId);
        return await ViewAsync(db, settings, cancellationToken);
    }

    public async Task<NcmecSettingsView> HandleAsync(SaveNcmecSettingsCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Values);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.NcmecSettings.SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken);
        var isNew = settings is null;
        settings ??= NcmecSettings.CreateDefault(actor.OrganizationId);

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var values = await ValidateAsync(db, guard, actor.OrganizationId, command.Values, errors, cancellationToken);
        ValidateCredentials(nameof(SaveNcmecSettingsCommand.TestCredentials), command.TestCredentials, errors);
        ValidateCredentials(nameof(SaveNcmecSettingsCommand.ProductionCredentials), command.ProductionCredentials, errors);
        var testSet = command.TestCredentials is { Clear: true } ? false : command.TestCredentials is not null || settings.ProtectedTestCredentials is not null;
        var productionSet = command.ProductionCredentials is { Clear: true } ? false : command.ProductionCredentials is not null || settings.ProtectedProductionCredentials is not null;
        if (values.ActiveEnvironment == NcmecEnvironment.Production && !productionSet)
        {
            errors.TryAdd(nameof(NcmecSettingsValues.ActiveEnvironment), ["Enter production credentials before making production the active environment."]);
        }
        else if (values.ActiveEnvironment == NcmecEnvironment.Test && !testSet && (command.TestCredentials is not null || productionSet))
        {
            errors.TryAdd(nameof(NcmecSettingsValues.ActiveEnvironment), ["The active environment (test) has no credentials: enter them or make production active."]);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changes = new List<string>();
        if (values.ActiveEnvironment != settings.ActiveEnvironment || isNew)
        {
            changes.Add($"active environment {values.ActiveEnvironment.ToString().ToLowerInvariant()}");
        }

        foreach (var (environment, change) in new[] { (NcmecEnvironment.Test, command.TestCredentials), (NcmecEnvironment.Production, command.ProductionCredentials) })
        {
            if (change is null)
            {
                continue;
            }

            var label = environment.ToString().ToLowerInvariant();
            if (change.Clear)
            {
                if (settings.ProtectedCredentials(environment) is not null)
                {
                    settings.SetProtectedCredentials(environment, null, now);
                    changes.Add($"{label} credentials cleared");
                }
            }
            else
            {
                changes.Add($"{label} credentials {(settings.ProtectedCredentials(environment) is null ? "set" : "replaced")}");
                settings.SetProtectedCredentials(environment, store.Protect(actor.OrganizationId, environment, change.Username!.Trim(), change.Password!), now);
            }
        }

        settings.Update(values, actor.UserId, now);
        if (isNew)
        {
            db.NcmecSettings.Add(settings);
        }

        var details = "Saved the child safety settings" + (changes.Count == 0 ? "." : ": " + string.Join(", ", changes) + ".");
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "ncmec.settings-updated", "ncmec-settings", actor.OrganizationId, details, now));
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(db, settings, cancellationToken);
    }

    public async Task<NcmecConnectionCheck> HandleAsync(CheckNcmecConnectionCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.NcmecSettings.SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken);
        var label = command.Environment.ToString().ToLowerInvariant();
        if (settings is null || store.Read(settings, command.Environment) is not { } credentials)
        {
            return new NcmecConnectionCheck(false, $"No {label} credentials are saved.");
        }

        if (services.GetService(typeof(ICyberTiplineClient)) is not ICyberTiplineClient client)
        {
            return new NcmecConnectionCheck(false, "This installation has no CyberTipline client.");
        }

        var outcome = await client.StatusAsync(credentials, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        NcmecConnectionCheck result;
        if (outcome.Succeeded)
        {
            if (settings.CredentialsRefusedEnvironment == command.Environment)
            {
                settings.ClearCredentialsRefused();
            }

            result = new NcmecConnectionCheck(true, $"Connected to the {label} CyberTipline: {outcome.Value}");
        }
        else
        {
            if (outcome.Failure!.Kind == CyberTipFailureKind.Credential)
            {
                settings.RecordCredentialsRefused(command.Environment, now);
            }

            result = new NcmecConnectionCheck(false, outcome.Failure.Kind == CyberTipFailureKind.Credential
                ? $"NCMEC refused the {label} credentials. {outcome.Failure.Description}"
                : $"The {label} CyberTipline could not be reached: {outcome.Failure.Description}");
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "ncmec.connection-checked", "ncmec-settings", actor.OrganizationId,
            $"Checked the {label} CyberTipline connection: {(result.Succeeded ? "connected" : "failed")}.", now));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Checks and normalizes the plain settings (errors keyed by <see cref="NcmecSettingsValues"/> property names); also used by <c>config import</c>.</summary>
    internal static async Task<NcmecSettingsValues> ValidateAsync(
        CoopDbContext db, OutboundConnectGuard guard, string organizationId, NcmecSettingsValues input, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        string? Text(string field, string? value, int max)
        {
            var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (trimmed is { Length: var length } && length > max)
            {
                errors[field] = [$"Use at most {max} characters."];
            }

            return trimmed;
        }

        string? Email(string field, string? value, bool required)
        {
            var email = Text(field, value, NcmecSettings.EmailMaxLength);
            if (email is null)
            {
                if (required)
                {
                    errors[field] = ["Enter the email address NCMEC reports come from."];
                }

                return null;
            }

            if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Split('@')[0].Length > 64)
            {
                errors.TryAdd(field, ["Enter an email address such as trust-safety@example.org."]);
            }

            return email;
        }

        string? Url(string field, string? value, bool outbound)
        {
            var url = Text(field, value, NcmecSettings.UrlMaxLength);
            if (url is null || errors.ContainsKey(field))
            {
                return url;
            }

            if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                errors[field] = ["A URL cannot contain spaces."];
            }
            else if (outbound)
            {
                if (OutboundUrl.Problem(url, guard.Policy) is { } problem)
                {
                    errors[field] = [problem];
                }
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors[field] = ["Enter an absolute http or https URL."];
            }

            return url;
        }

        var values = new NcmecSettingsValues(
            input.ActiveEnvironment,
            Email(nameof(NcmecSettingsValues.ReporterEmail), input.ReporterEmail, required: true),
            Text(nameof(NcmecSettingsValues.ContactFirstName), input.ContactFirstName, 100),
            Text(nameof(NcmecSettingsValues.ContactLastName), input.ContactLastName, 100),
            Text(nameof(NcmecSettingsValues.ContactPhone), input.ContactPhone, 50),
            Email(nameof(NcmecSettingsValues.ContactEmail), input.ContactEmail, required: false),
            Text(nameof(NcmecSettingsValues.CompanyTemplate), input.CompanyTemplate, NcmecSettings.TextMaxLength),
            Text(nameof(NcmecSettingsValues.EspServiceName), input.EspServiceName, NcmecSettings.EspServiceMaxLength),
            Text(nameof(NcmecSettingsValues.TermsOfService), input.TermsOfService, NcmecSettings.TextMaxLength),
            Url(nameof(NcmecSettingsValues.LegalUrl), input.LegalUrl, outbound: false),
            Url(nameof(NcmecSettingsValues.MoreInfoUrl), input.MoreInfoUrl, outbound: false),
            input.DefaultInternetDetailType,
            Url(nameof(NcmecSettingsValues.AdditionalInfoWebhookUrl), input.AdditionalInfoWebhookUrl, outbound: true),
            Url(nameof(NcmecSettingsValues.PreservationWebhookUrl), input.PreservationWebhookUrl, outbound: true),
            input.MediaReviewRequirement,
            input.MediaReviewRequirement == NcmecMediaReviewRequirement.All ? 1 : input.MinimumMediaToReview,
            [.. (input.PostReportActionIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal)],
            [.. (input.PostReportPolicyIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal)]);

        if (!Enum.IsDefined(values.ActiveEnvironment))
        {
            errors[nameof(NcmecSettingsValues.ActiveEnvironment)] = ["Choose test or production."];
        }

        if (values.DefaultInternetDetailType is { } type && !Enum.IsDefined(type))
        {
            errors[nameof(NcmecSettingsValues.DefaultInternetDetailType)] = ["Choose one of the listed incident kinds."];
        }

        if (!Enum.IsDefined(values.MediaReviewRequirement))
        {
            errors[nameof(NcmecSettingsValues.MediaReviewRequirement)] = ["Choose All or Minimum."];
        }
        else if (values.MediaReviewRequirement == NcmecMediaReviewRequirement.Minimum && values.MinimumMediaToReview is < 1 or > 1000)
        {
            errors[nameof(NcmecSettingsValues.MinimumMediaToReview)] = ["Enter how many media a reviewer must classify (1 to 1000)."];
        }

        if (values.PostReportActionIds.Count == 0 != (values.PostReportPolicyIds.Count == 0))
        {
            var field = values.PostReportActionIds.Count == 0 ? nameof(NcmecSettingsValues.PostReportActionIds) : nameof(NcmecSettingsValues.PostReportPolicyIds);
            errors[field] = ["Choose both the actions to run after a report and the policies they apply, or neither."];
        }

        var actionIds = values.PostReportActionIds;
        var knownActions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == organizationId && actionIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        if (actionIds.Except(knownActions).Any())
        {
            errors.TryAdd(nameof(NcmecSettingsValues.PostReportActionIds), ["One of the chosen actions no longer exists."]);
        }

        var policyIds = values.PostReportPolicyIds;
        var knownPolicies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == organizationId && policyIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        if (policyIds.Except(knownPolicies).Any())
        {
            errors.TryAdd(nameof(NcmecSettingsValues.PostReportPolicyIds), ["One of the chosen policies no longer exists."]);
        }

        return values;
    }

    private static void ValidateCredentials(string field, NcmecCredentialChange? change, Dictionary<string, string[]> errors)
    {
        if (change is null || change.Clear)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(change.Username) || string.IsNullOrEmpty(change.Password))
        {
            errors[field] = ["Enter both the username and the password NCMEC issued."];
        }
        else if (change.Username.Trim().Length > CredentialMaxLength || change.Password.Length > CredentialMaxLength)
        {
            errors[field] = [$"Use at most {CredentialMaxLength} characters."];
        }
        else if (change.Username.Contains(':', StringComparison.Ordinal))
        {
            errors[field] = ["A CyberTipline username cannot contain ':'."];
        }
    }

    private static async Task<NcmecSettingsView> ViewAsync(CoopDbContext db, NcmecSettings settings, CancellationToken cancellationToken)
    {
        var org = settings.OrganizationId;
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == org).OrderBy(a => a.Name)
            .Select(a => new NcmecChoice(a.Id, a.Name)).ToListAsync(cancellationToken);
        var policies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org).OrderBy(p => p.Name)
            .Select(p => new NcmecChoice(p.Id, p.Name)).ToListAsync(cancellationToken);
        var values = new NcmecSettingsValues(
            settings.ActiveEnvironment, settings.ReporterEmail, settings.ContactFirstName, settings.ContactLastName, settings.ContactPhone,
            settings.ContactEmail, settings.CompanyTemplate, settings.EspServiceName, settings.TermsOfService, settings.LegalUrl, settings.MoreInfoUrl,
            settings.DefaultInternetDetailType, settings.AdditionalInfoWebhookUrl, settings.PreservationWebhookUrl, settings.MediaReviewRequirement,
            settings.MinimumMediaToReview, settings.PostReportActionIds, settings.PostReportPolicyIds);
        return new NcmecSettingsView(
            values,
            settings.ProtectedTestCredentials is not null, settings.TestCredentialsChangedAt,
            settings.ProtectedProductionCredentials is not null, settings.ProductionCredentialsChangedAt,
            settings is { CredentialsRefusedEnvironment: { } env, CredentialsRefusedAt: { } at } ? new NcmecCredentialAlert(env, at) : null,
            settings.UpdatedAt == default ? null : settings.UpdatedAt,
            actions, policies);
    }
}
