using System.Globalization;
using Coop.Domain.Audit;
using Coop.Domain.Signals;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Signals;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Integrations;

internal sealed class IntegrationHandlers(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, SignalSettingsStore store, SignalRunnerFactory runners,
    OutboundConnectGuard guard, TimeProvider time)
    : IQueryHandler<ListIntegrationsQuery, IReadOnlyList<IntegrationView>>,
      ICommandHandler<SaveIntegrationSettingsCommand, IntegrationView>,
      ICommandHandler<TestIntegrationCommand, IntegrationTestOutcome>
{
    private const int TextMaxLength = 2000;
    private const int SecretMaxLength = 4000;
    private const int SampleMaxLength = 20_000;

    public async Task<IReadOnlyList<IntegrationView>> HandleAsync(ListIntegrationsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.SignalSettings.AsNoTracking().Where(s => s.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        return [.. runners.Registry.Manifests.Where(m => m.OrganizationFields.Count > 0)
            .Select(m => View(m, rows.FirstOrDefault(r => r.SignalId == m.Id) is { } row ? store.Read(row) : null))];
    }

    public async Task<IntegrationView> HandleAsync(SaveIntegrationSettingsCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var manifest = Manifest(command.SignalId);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.SignalSettings.SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId && s.SignalId == manifest.Id, cancellationToken);
        var saved = row is null ? new StoredSignalSettings(new Dictionary<string, string>(), new Dictionary<string, string>()) : store.Read(row);

        var errors = new Dictionary<string, string[]>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, string>(saved.Secrets, StringComparer.Ordinal);
        var changedSecrets = new List<string>();
        foreach (var key in (command.Values ?? new Dictionary<string, string?>()).Keys.Concat((command.Secrets ?? new Dictionary<string, string?>()).Keys)
            .Where(k => manifest.OrganizationFields.All(f => f.Key != k)))
        {
            errors[key] = [$"{manifest.Name} has no setting '{key}'."];
        }

        foreach (var field in manifest.OrganizationFields)
        {
            if (field.Type == SignalFieldType.Secret)
            {
                if (command.Secrets?.TryGetValue(field.Key, out var secret) == true)
                {
                    if (string.IsNullOrWhiteSpace(secret))
                    {
                        if (secrets.Remove(field.Key))
                        {
                            changedSecrets.Add(field.Label + " cleared");
                        }
                    }
                    else if (secret.Trim().Length > SecretMaxLength)
                    {
                        errors[field.Key] = [$"Use at most {SecretMaxLength} characters."];
                    }
                    else
                    {
                        changedSecrets.Add(field.Label + (secrets.ContainsKey(field.Key) ? " replaced" : " set"));
                        secrets[field.Key] = secret.Trim();
                    }
                }

                continue;
            }

            var value = command.Values?.GetValueOrDefault(field.Key)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (FieldError(field, value) is { } error)
            {
                errors[field.Key] = [error];
            }
            else
            {
                values[field.Key] = value;
            }
        }

        var clearing = values.Count == 0 && secrets.Count == 0;
        if (!clearing)
        {
            foreach (var field in manifest.OrganizationFields.Where(f => f.Required && !values.ContainsKey(f.Key) && !secrets.ContainsKey(f.Key)))
            {
                errors.TryAdd(field.Key, [$"{field.Label} is required."]);
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var settings = new StoredSignalSettings(values, secrets);
        string details;
        if (clearing)
        {
            if (row is not null)
            {
                db.SignalSettings.Remove(row);
            }

            details = $"Removed the settings of {manifest.Name}.";
        }
        else
        {
            if (row is null)
            {
                row = SignalSettings.Create(actor.OrganizationId, manifest.Id);
                db.SignalSettings.Add(row);
            }

            store.Write(row, settings, actor.UserId);
            var set = manifest.OrganizationFields.Where(f => values.ContainsKey(f.Key)).Select(f => f.Label).ToList();
            details = $"Saved the settings of {manifest.Name}: {(set.Count == 0 ? "no plain values" : string.Join(", ", set) + " set")}"
                + (changedSecrets.Count == 0 ? "." : $"; {string.Join(", ", changedSecrets)}.");
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "integration.updated", "signal", manifest.Id, details,
            time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        store.Invalidate(actor.OrganizationId, manifest.Id);
        return View(manifest, clearing ? null : settings with { UpdatedAt = row?.UpdatedAt });
    }

    public async Task<IntegrationTestOutcome> HandleAsync(TestIntegrationCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var manifest = Manifest(command.SignalId);
        if (string.IsNullOrWhiteSpace(command.SampleText) || command.SampleText.Length > SampleMaxLength)
        {
            throw new ValidationFailedException(nameof(command.SampleText), $"Enter a sample text of at most {SampleMaxLength} characters.");
        }

        var arguments = (command.Arguments ?? new Dictionary<string, string>())
            .Where(a => !string.IsNullOrWhiteSpace(a.Value) && manifest.ConditionFields.Any(f => f.Key == a.Key))
            .ToDictionary(a => a.Key, a => a.Value.Trim(), StringComparer.Ordinal);
        var actor = await currentUser.RequireActorAsync();

        // A fresh item version per test: a test always calls the classifier instead of answering from the cache.
        var item = new SignalItem(actor.OrganizationId, "integration-test", "sample", Guid.NewGuid().ToString("N"));
        var result = await runners.For(item).RunAsync(new Domain.Conditions.SignalCall(manifest.Id, Arguments: arguments), command.SampleText, cancellationToken);
        return result.IsFailure
            ? new IntegrationTestOutcome(false, null, result.Error!)
            : new IntegrationTestOutcome(true, result.ScoreText, $"Score {result.ScoreText}" + (result.MatchedValue is { } m ? $" ({m})" : string.Empty));
    }

    private SignalManifest Manifest(string signalId) =>
        runners.Registry.ManifestOf(signalId ?? string.Empty) is { OrganizationFields.Count: > 0 } manifest
            ? manifest
            : throw new ValidationFailedException(nameof(SaveIntegrationSettingsCommand.SignalId), $"There is no integration '{signalId}'.");

    private string? FieldError(SignalConfigurationField field, string value) => field.Type switch
    {
        _ when value.Length > TextMaxLength => $"Use at most {TextMaxLength} characters.",
        SignalFieldType.Url => OutboundUrl.Problem(value, guard.Policy),
        SignalFieldType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "Enter a number, such as 5 or 0.5.",
        SignalFieldType.Boolean => value is "true" or "false" ? null : "Choose true or false.",
        SignalFieldType.Choice => field.Choices.Contains(value, StringComparer.Ordinal) ? null : $"Choose one of {string.Join(", ", field.Choices)}.",
        SignalFieldType.Text or SignalFieldType.Secret => null,
        _ => null,
    };

    private static IntegrationView View(SignalManifest manifest, StoredSignalSettings? settings) => new(
        manifest.Id,
        manifest.Name,
        manifest.Description,
        settings is not null && manifest.OrganizationFields.Where(f => f.Required)
            .All(f => settings.Values.ContainsKey(f.Key) || settings.Secrets.ContainsKey(f.Key)),
        settings?.UpdatedAt,
        [.. manifest.OrganizationFields.Select(f => f.Type == SignalFieldType.Secret
            ? new IntegrationFieldView(f, null, settings?.Secrets.ContainsKey(f.Key) == true)
            : new IntegrationFieldView(f, settings?.Values.GetValueOrDefault(f.Key), settings?.Values.ContainsKey(f.Key) == true))],
        manifest.ConditionFields);
}
