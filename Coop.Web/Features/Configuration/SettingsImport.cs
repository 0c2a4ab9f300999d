using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Moderation;
using Coop.Domain.Organizations;
using Coop.Domain.Strikes;
using Coop.Domain.Wellness;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Administration.Roles;
using Coop.Web.Features.Administration.Sso;
using Coop.Web.Features.ChildSafety.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// The administration part of <c>config import</c>: roles (by key), single sign-on, the settings tabs and the child-safety
/// settings. Validated with the rest of the file (errors carry JSON pointers, everything is reported at once) and applied
/// in the same transaction, each change audited. Secrets are never in a file: header values null keep the saved ones, the
/// SSO client secret and the CyberTipline credentials stay as they are on the target (with a warning where that matters).
/// </summary>
internal sealed partial class SettingsImport(
    CoopDbContext db, Organization organization, ConfigDocument document, ILookupNormalizer normalizer, OutboundConnectGuard guard, bool allowHttpAuthority)
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private readonly List<string> warnings = [];
    private readonly List<RoleImport> roleImports = [];
    private List<CoopRole> roles = [];
    private AccessSnapshot? access;
    private SsoImport? sso;
    private SettingsPlan? settings;
    private NcmecImport? ncmec;

    public IReadOnlyDictionary<string, List<string>> Errors => errors;

    public IReadOnlyList<string> Warnings => warnings;

    public static string ProviderWireName(SsoProviderKind kind) => kind == SsoProviderKind.EntraId ? "ENTRA_ID" : "GENERIC_OIDC";

    /// <summary>Checks the roles of the file; returns the roles queues may name once they are applied (the organization's and the file's new ones).</summary>
    public async Task<List<ConfigRole>> ValidateRolesAsync(CancellationToken cancellationToken)
    {
        roles = await db.Roles.Where(r => r.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        access = await AccessSnapshot.LoadAsync(db, organization.Id, cancellationToken);
        var finalNames = roles.ToDictionary(r => r.Id, r => r.NormalizedName ?? string.Empty, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = document.Roles ?? [];
        var indexes = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var path = $"/roles/{i}";
            var key = entry.Key?.Trim() ?? string.Empty;
            if (!RoleKeyPattern().IsMatch(key))
            {
                Add($"{path}/key", "Name the role by its key: capital letters, digits and underscores, starting with a letter (e.g. MODERATOR or CUSTOM_TRIAGE).");
                continue;
            }

            if (!seen.Add(key))
            {
                Add($"{path}/key", $"The key '{key}' appears twice in the file.");
                continue;
            }

            var existing = roles.FirstOrDefault(r => r.Key == key);
            if (existing is null && DefaultRoles.All.Any(d => d.Key == key))
            {
                Add($"{path}/key", $"The organization has no system role {key}.");
                continue;
            }

            var name = entry.Name?.Trim() ?? string.Empty;
            if (name.Length is 0 or > RoleAdministrationHandler.NameMaxLength)
            {
                Add($"{path}/name", $"Give the role a name of 1 to {RoleAdministrationHandler.NameMaxLength} characters.");
            }

            var description = string.IsNullOrWhiteSpace(entry.Description) ? null : entry.Description.Trim();
            if (description is { Length: > RoleAdministrationHandler.DescriptionMaxLength })
            {
                Add($"{path}/description", $"A description has at most {RoleAdministrationHandler.DescriptionMaxLength} characters.");
            }

            var permissions = entry.Permissions ?? [];
            for (var j = 0; j < permissions.Count; j++)
            {
                if (!Permissions.IsKnown(permissions[j] ?? string.Empty))
                {
                    Add($"{path}/permissions/{j}", $"'{permissions[j]}' is not a permission.");
                }
            }

            var id = existing?.Id ?? Guid.NewGuid().ToString();
            finalNames[id] = normalizer.NormalizeName(name) ?? name.ToUpperInvariant();
            indexes.Add(i);
            roleImports.Add(new RoleImport(id, key, name, description,
                [.. permissions.Where(p => Permissions.IsKnown(p ?? string.Empty)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], existing));
        }

        for (var r = 0; r < roleImports.Count; r++)
        {
            var import = roleImports[r];
            if (import.Name.Length > 0 && finalNames.Any(n => n.Key != import.Id && n.Value == finalNames[import.Id]))
            {
                Add($"/roles/{indexes[r]}/name", $"Another role is named '{import.Name}'.");
            }

            access.RolePermissions[import.Id] = [.. import.Permissions];
        }

        foreach (var permission in new[] { Permissions.ManageRoles, Permissions.ManageUsers })
        {
            if (roleImports.Count > 0 && !access.AnyoneHolds(permission))
            {
                Add("/roles", $"The file would leave no active user with '{Permissions.Describe(permission).Label}': keep at least one administrator.");
                break;
            }
        }

        return [.. roles.Where(r => roleImports.All(i => i.Id != r.Id)).Select(r => new ConfigRole(r.Id, r.Key, r.Name))
            .Concat(roleImports.Select(i => new ConfigRole(i.Id, i.Key, i.Name)))];
    }

    /// <summary>Checks single sign-on, the settings tabs and child safety, once the other kinds are validated (they name actions, policies, roles and users).</summary>
    public async Task ValidateSettingsAsync(ImportValidator validator, ConfigDirectory directory, IReadOnlyCollection<ActionDefinition> actions, ImportPlan plan,
        CancellationToken cancellationToken)
    {
        var parameters = actions.ToDictionary(a => a.Id, a => a.Parameters, StringComparer.Ordinal);
        foreach (var import in plan.Actions.Where(a => a.Details.Parameters is not null))
        {
            parameters[import.Id] = import.Details.Parameters!;
        }

        var actionNames = actions.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        foreach (var import in plan.Actions)
        {
            actionNames[import.Id] = import.Details.Name.Trim();
        }

        if (document.Sso is { } ssoConfig)
        {
            await ValidateSsoAsync(ssoConfig, directory, cancellationToken);
        }

        if (document.Settings is { } settingsConfig)
        {
            await ValidateSettingsTabsAsync(settingsConfig, validator, parameters, actionNames, cancellationToken);
        }

        if (document.Ncmec is { } ncmecConfig)
        {
            await ValidateNcmecAsync(ncmecConfig, validator, cancellationToken);
        }
    }

    /// <summary>Writes what changed (into the tracked context, with an audit entry each); returns the role counts and the names of the changed settings.</summary>
    public (ImportCounts Roles, List<string> Changed) Apply(string actor, DateTime now)
    {
        var counts = new int[3];
        foreach (var import in roleImports)
        {
            counts[ApplyRole(import, actor, now)]++;
        }

        var changed = new List<string>();
        if (sso is { } ssoImport && ApplySso(ssoImport, actor, now))
        {
            changed.Add("single sign-on");
        }

        if (settings is { } plan)
        {
            changed.AddRange(ApplySettings(plan, actor, now));
        }

        if (ncmec is { } ncmecImport && ApplyNcmec(ncmecImport, actor, now))
        {
            changed.Add("child safety");
        }

        return (ImportCounts.From(counts), changed);
    }

    public bool SsoChanged { get; private set; }

    public bool RolesChanged { get; private set; }

    private int ApplyRole(RoleImport import, string actor, DateTime now)
    {
        if (import.Existing is not { } role)
        {
            var created = new CoopRole
            {
                Id = import.Id,
                OrganizationId = organization.Id,
                Key = import.Key,
                Name = import.Name,
                NormalizedName = normalizer.NormalizeName(import.Name),
                Description = import.Description,
                IsSystem = false,
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            db.Roles.Add(created);
            foreach (var permission in import.Permissions)
            {
                db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = created.Id, ClaimType = Permissions.ClaimType, ClaimValue = permission });
            }

            Audit(actor, "role.created", "role", created.Id,
                JsonSerializer.Serialize(new { imported = true, after = new { key = import.Key, name = import.Name, description = import.Description, permissions = import.Permissions } }), now);
            RolesChanged = true;
            return 0;
        }

        var claims = db.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimType == Permissions.ClaimType).ToList();

        var before = claims.Select(c => c.ClaimValue!).Distinct().Order(StringComparer.Ordinal).ToList();
        if (role.Name == import.Name && role.Description == import.Description && before.SequenceEqual(import.Permissions, StringComparer.Ordinal))
        {
            return 2;
        }

        Audit(actor, "role.updated", "role", role.Id, JsonSerializer.Serialize(new
        {
            imported = true,
            before = new { name = role.Name, description = role.Description, permissions = before },
            after = new { name = import.Name, description = import.Description, permissions = import.Permissions },
        }), now);
        role.Name = import.Name;
        role.NormalizedName = normalizer.NormalizeName(import.Name);
        role.Description = import.Description;
        role.ConcurrencyStamp = Guid.NewGuid().ToString();
        db.RoleClaims.RemoveRange(claims.Where(c => !import.Permissions.Contains(c.ClaimValue!, StringComparer.Ordinal)));
        foreach (var permission in import.Permissions.Except(before, StringComparer.Ordinal))
        {
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = permission });
        }

        RolesChanged = true;
        return 1;
    }

    private async Task ValidateSsoAsync(SsoConfig config, ConfigDirectory directory, CancellationToken cancellationToken)
    {
        var kind = SsoProviderKind.GenericOidc;
        if (config.ProviderKind is { } wire && !TryParseProvider(wire, out kind))
        {
            Add("/sso/providerKind", "Use GENERIC_OIDC or ENTRA_ID.");
            return;
        }

        string? roleId = null;
        if (!string.IsNullOrWhiteSpace(config.DefaultRole))
        {
            var name = config.DefaultRole.Trim();
            roleId = (directory.Roles.FirstOrDefault(r => string.Equals(r.Key, name, StringComparison.OrdinalIgnoreCase))
                ?? directory.Roles.FirstOrDefault(r => r.Id == name))?.Id;
            if (roleId is null)
            {
                Add("/sso/defaultRole", $"No role '{name}' in the organization or the file (name the role by key, e.g. MODERATOR).");
            }
        }

        // Imported turned off (no client secret here), single sign-on is not SSO-only either: the break-glass account is dropped, not checked.
        var existing = await db.SingleSignOnSettings.SingleOrDefaultAsync(s => s.OrganizationId == organization.Id, cancellationToken);
        var turnedOff = config.Enabled == true && existing?.ProtectedClientSecret is null;
        string? breakGlassId = null;
        if (!turnedOff && !string.IsNullOrWhiteSpace(config.BreakGlassUser))
        {
            var email = config.BreakGlassUser.Trim();
            breakGlassId = (directory.Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))
                ?? directory.Users.FirstOrDefault(u => u.Id == email))?.Id;
            if (breakGlassId is null)
            {
                Add("/sso/breakGlassUser", $"No user '{email}' in the organization (name the break-glass account by email).");
            }
        }

        var enabled = config.Enabled ?? false;
        var command = new SaveSsoSettingsCommand(enabled, kind, config.DisplayName, config.Authority, config.TenantId, config.Instance, config.ClientId,
            null, false, config.Scopes, config.AllowedDomains ?? [], roleId, !turnedOff && (config.SsoOnly ?? false), breakGlassId);
        var fieldErrors = new Dictionary<string, string[]>();
        var configuration = SsoSettingsValidation.Normalize(command, allowHttpAuthority, fieldErrors);
        foreach (var (field, messages) in fieldErrors)
        {
            var pointer = field switch
            {
                nameof(command.DefaultRoleId) => "/sso/defaultRole",
                nameof(command.BreakGlassUserId) => "/sso/breakGlassUser",
                _ => $"/sso/{JsonName(field)}",
            };
            foreach (var message in messages)
            {
                Add(pointer, message);
            }
        }

        if (enabled && string.IsNullOrWhiteSpace(config.DefaultRole))
        {
            Add("/sso/defaultRole", "Choose the role new users get.");
        }

        if (command.SsoOnly && breakGlassId is not null)
        {
            var localAdmins = await db.Users.AsNoTracking().Where(u => u.OrganizationId == organization.Id && u.PasswordHash != null && !u.IsDeactivated)
                .Select(u => u.Id).ToListAsync(cancellationToken);
            var roleOf = access?.ActiveUserRoles.GetValueOrDefault(breakGlassId);
            if (!localAdmins.Contains(breakGlassId) || roleOf is null || access?.RolePermissions.GetValueOrDefault(roleOf)?.Contains(Permissions.ManageOrg) != true)
            {
                Add("/sso/breakGlassUser", "Choose a local administrator (a user with a password whose role grants Manage organization) as the break-glass account.");
            }
        }
        else if (command.SsoOnly && string.IsNullOrWhiteSpace(config.BreakGlassUser))
        {
            Add("/sso/breakGlassUser", "Choose the local administrator who can still sign in with a password (break-glass account).");
        }

        if (turnedOff)
        {
            configuration = configuration with { Enabled = false, SsoOnly = false, BreakGlassUserId = null };
            warnings.Add("/sso: Single sign-on was imported turned off (and not the only way to sign in): the file never carries the client secret "
                + "and this organization has none saved. Enter the client secret in Settings → Single sign-on, then turn it on.");
        }

        sso = new SsoImport(configuration, existing);
    }

    private bool ApplySso(SsoImport import, string actor, DateTime now)
    {
        var before = import.Existing is { } s
            ? Canonical(new SsoConfiguration(s.Enabled, s.ProviderKind, s.DisplayName, s.Authority, s.TenantId, s.Instance, s.ClientId,
                s.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), s.AllowedDomains, s.DefaultRoleId, s.SsoOnly, s.BreakGlassUserId))
            : null;
        if (before == Canonical(import.Configuration))
        {
            return false;
        }

        var settings = import.Existing;
        if (settings is null)
        {
            settings = SingleSignOnSettings.Create(organization.Id);
            db.SingleSignOnSettings.Add(settings);
        }

        settings.Configure(import.Configuration, null, now);
        Audit(actor, "sso.updated", "organization", organization.Id,
            $"Imported single sign-on {(settings.Enabled ? "on" : "off")}: {settings.ProviderKind} {settings.EffectiveAuthority ?? "(no authority)"}, "
            + $"client id {settings.ClientId ?? "(none)"}, secret {(settings.ProtectedClientSecret is null ? "not set" : "kept")}, scopes '{settings.Scopes}', "
            + $"domains {(settings.AllowedDomains.Count == 0 ? "any" : string.Join(", ", settings.AllowedDomains))}, default role {settings.DefaultRoleId ?? "(none)"}, "
            + $"SSO only {(settings.SsoOnly ? "on" : "off")}.", now);
        SsoChanged = true;
        return true;
    }

    private async Task ValidateSettingsTabsAsync(SettingsConfig config, ImportValidator validator, Dictionary<string, IReadOnlyList<ActionParameter>> parameters,
        Dictionary<string, string> actionNames, CancellationToken cancellationToken)
    {
        var review = await db.ReviewSettings.SingleOrDefaultAsync(s => s.OrganizationId == organization.Id, cancellationToken);
        var current = review ?? ReviewSettings.DefaultsFor(organization.Id);
        ReviewConsoleImport? console = null;
        if (config.ReviewConsole is { } rc)
        {
            const string path = "/settings/reviewConsole";
            Url($"{path}/ignoreCallbackUrl", rc.IgnoreCallbackUrl);
            Url($"{path}/appealCallbackUrl", rc.AppealCallbackUrl);
            var headers = Headers($"{path}/appealCallbackHeaders", rc.AppealCallbackHeaders, current.AppealHeaders);
            console = new ReviewConsoleImport(
                rc.RequirePolicyForDecisions ?? current.RequirePolicyForDecisions, rc.RequireReasonOnAction ?? current.RequireReasonOnAction,
                rc.RequireReasonOnIgnore ?? current.RequireReasonOnIgnore, rc.AllowMultiplePoliciesPerAction ?? current.AllowMultiplePoliciesPerAction,
                rc.HideSkipForNonAdmins ?? current.HideSkipForNonAdmins, Blank(rc.IgnoreCallbackUrl), Blank(rc.AppealCallbackUrl), headers);
        }

        AppealsImport? appeals = null;
        if (config.Appeals is { } ap)
        {
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            if (ap.UndoActions is null)
            {
                foreach (var (appealed, undo) in current.AppealUndoActions)
                {
                    pairs[appealed] = undo;
                }
            }

            var list = ap.UndoActions ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"/settings/appeals/undoActions/{i}";
                var appealed = ActionReference($"{path}/appealedActionId", list[i].AppealedActionId, validator);
                var undo = ActionReference($"{path}/undoActionId", list[i].UndoActionId, validator);
                if (appealed is null || undo is null)
                {
                    continue;
                }

                if (appealed == undo)
                {
                    Add($"{path}/undoActionId", "An action cannot undo itself.");
                }
                else if (!pairs.TryAdd(appealed, undo))
                {
                    Add($"{path}/appealedActionId", $"'{actionNames.GetValueOrDefault(appealed, appealed)}' already has an undo action above.");
                }
                else if (parameters.GetValueOrDefault(undo)?.FirstOrDefault(p => p.Required && p.DefaultValue is null) is { } needed)
                {
                    Add($"{path}/undoActionId",
                        $"'{actionNames.GetValueOrDefault(undo, undo)}' needs a value for '{needed.DisplayName}', which an appeal cannot give: give the parameter a default or choose another action.");
                }
            }

            appeals = new AppealsImport(ap.Enabled ?? current.AppealsEnabled, pairs);
        }

        StrikesImport? strikes = null;
        if (config.Strikes is { } st)
        {
            const string path = "/settings/strikes";
            var ttl = st.StrikeTtlDays ?? organization.StrikeTtlDays;
            if (ttl is < 1 or > StrikeRules.MaxTtlDays)
            {
                Add($"{path}/strikeTtlDays", $"Choose between 1 and {StrikeRules.MaxTtlDays} days.");
            }

            List<StrikeThresholdImport>? thresholds = null;
            if (st.Thresholds is { } entries)
            {
                thresholds = [];
                if (entries.Count > StrikeThresholdSettingsLimit)
                {
                    Add($"{path}/thresholds", $"At most {StrikeThresholdSettingsLimit} thresholds.");
                }

                for (var i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    var at = $"{path}/thresholds/{i}";
                    if (entry.Threshold is not > 0)
                    {
                        Add($"{at}/threshold", "A threshold is a whole number of strikes above zero.");
                    }
                    else if (entries.Take(i).Any(t => t.Threshold == entry.Threshold))
                    {
                        Add($"{at}/threshold", $"There is already a threshold at {entry.Threshold}.");
                    }

                    var ids = entry.ActionIds ?? [];
                    if (ids.Count == 0)
                    {
                        Add($"{at}/actionIds", "Choose at least one action to run.");
                    }

                    var resolved = new List<string>();
                    var values = new JsonObject();
                    for (var j = 0; j < ids.Count; j++)
                    {
                        if (ActionReference($"{at}/actionIds/{j}", ids[j], validator) is not { } actionId)
                        {
                            continue;
                        }

                        resolved.Add(actionId);
                        var given = entry.Parameters?.GetValueOrDefault(ids[j]!) ?? entry.Parameters?.GetValueOrDefault(actionId);
                        foreach (var (name, message) in ActionParameters.ValueErrors(parameters.GetValueOrDefault(actionId) ?? [], given))
                        {
                            Add($"{at}/parameters/{ids[j]}/{name}", message);
                        }

                        if (given is { Count: > 0 })
                        {
                            values[actionId] = given.DeepClone();
                        }
                    }

                    thresholds.Add(new StrikeThresholdImport(entry.Threshold ?? 0, [.. resolved.Distinct(StringComparer.Ordinal)], values));
                }
            }

            strikes = new StrikesImport(ttl, thresholds);
        }

        WellnessPreferences? wellness = null;
        WellnessSettings? wellnessRow = null;
        if (config.Wellness is { } we)
        {
            var row = wellnessRow = await db.WellnessSettings.SingleOrDefaultAsync(w => w.OrganizationId == organization.Id && w.UserId == string.Empty, cancellationToken);
            var defaults = row?.AsDefaults() ?? WellnessPreferences.Default;
            var tone = defaults.Tone;
            if (we.Tone is { } toneName && !TryParseEnum(toneName, out tone))
            {
                Add("/settings/wellness/tone", "Use Colour, Grayscale or Sepia.");
            }

            var blur = we.BlurLevel ?? defaults.BlurLevel;
            foreach (var (field, messages) in WellnessPreferences.Errors(blur, tone))
            {
                foreach (var message in messages)
                {
                    Add($"/settings/wellness/{JsonName(field)}", message);
                }
            }

            wellness = new WellnessPreferences(blur, tone, we.UnblurOnHover ?? defaults.UnblurOnHover, we.MuteVideos ?? defaults.MuteVideos);
        }

        PartialItemsImport? partial = null;
        if (config.PartialItems is { } pi)
        {
            Url("/settings/partialItems/endpoint", pi.Endpoint);
            partial = new PartialItemsImport(Blank(pi.Endpoint), Headers("/settings/partialItems/headers", pi.Headers, current.PartialItemsHeaders));
        }

        settings = new SettingsPlan(review, console, appeals, strikes, wellness, wellnessRow, partial);
    }

    private List<string> ApplySettings(SettingsPlan plan, string actor, DateTime now)
    {
        var changed = new List<string>();
        var reviewChanged = false;
        var review = plan.Review;
        ReviewSettings Row()
        {
            if (review is null)
            {
                review = ReviewSettings.DefaultsFor(organization.Id);
                db.ReviewSettings.Add(review);
            }

            return review;
        }

        var current = review ?? ReviewSettings.DefaultsFor(organization.Id);
        if (plan.ReviewConsole is { } rc)
        {
            var before = (current.RequirePolicyForDecisions, current.RequireReasonOnAction, current.RequireReasonOnIgnore, current.AllowMultiplePoliciesPerAction,
                current.HideSkipForNonAdmins, current.IgnoreCallbackUrl, current.AppealCallbackUrl, current.AppealCallbackHeadersJson);
            var row = Row();
            row.SetDecisionRules(rc.RequirePolicy, rc.RequireReasonOnAction, rc.RequireReasonOnIgnore, rc.AllowMultiplePolicies, rc.HideSkip);
            row.SetCallbacks(rc.IgnoreCallbackUrl, rc.AppealCallbackUrl, rc.AppealHeaders);
            var after = (row.RequirePolicyForDecisions, row.RequireReasonOnAction, row.RequireReasonOnIgnore, row.AllowMultiplePoliciesPerAction,
                row.HideSkipForNonAdmins, row.IgnoreCallbackUrl, row.AppealCallbackUrl, row.AppealCallbackHeadersJson);
            if (before != after)
            {
                changed.Add("review console");
                reviewChanged = true;
                Audit(actor, "review-settings.updated", "organization", organization.Id,
                    $"Imported: policy required {rc.RequirePolicy}, reason on action {rc.RequireReasonOnAction}, reason on ignore {rc.RequireReasonOnIgnore}, "
                    + $"several policies {rc.AllowMultiplePolicies}, skip hidden {rc.HideSkip}, ignore callback {(row.IgnoreCallbackUrl is null ? "off" : "on")}, "
                    + $"appeal callback {(row.AppealCallbackUrl is null ? "off" : "on")} with {row.AppealHeaders.Count} header(s)", now);
            }
        }

        if (plan.Appeals is { } ap)
        {
            var before = (current.AppealsEnabled, current.AppealUndoActionsJson);
            var row = Row();
            row.SetAppeals(ap.Enabled, ap.UndoActions);
            if (before != (row.AppealsEnabled, row.AppealUndoActionsJson))
            {
                changed.Add("appeals");
                reviewChanged = true;
                Audit(actor, "appeal-settings.updated", "organization", organization.Id,
                    $"Imported: appeals {(ap.Enabled ? "on" : "off")}; {ap.UndoActions.Count} undo action(s)", now);
            }
        }

        if (plan.Strikes is { } st)
        {
            var strikesChanged = false;
            if (organization.StrikeTtlDays != st.TtlDays)
            {
                organization.SetStrikeTtl(st.TtlDays);
                strikesChanged = true;
            }

            if (st.Thresholds is { } thresholds)
            {
                var existing = db.StrikeThresholds.Where(t => t.OrganizationId == organization.Id).OrderBy(t => t.Threshold).ToList();
                static string Canonical(IEnumerable<(int Threshold, string Actions, string Parameters)> rows) =>
                    string.Join("|", rows.OrderBy(r => r.Threshold).Select(r => $"{r.Threshold};{r.Actions};{r.Parameters}"));
                var wanted = thresholds.Select(t => (t.Threshold, JsonSerializer.Serialize(t.ActionIds), t.Parameters.ToJsonString())).ToList();
                if (Canonical(existing.Select(t => (t.Threshold, t.ActionIds, (JsonNode.Parse(t.ActionParameters) ?? new JsonObject()).ToJsonString()))) != Canonical(wanted))
                {
                    db.StrikeThresholds.RemoveRange(existing);
                    foreach (var (threshold, actionIds, parameters) in wanted)
                    {
                        db.StrikeThresholds.Add(StrikeThreshold.Create(organization.Id, threshold, actionIds, parameters));
                    }

                    strikesChanged = true;
                }
            }

            if (strikesChanged)
            {
                changed.Add("strikes");
                Audit(actor, "strike-thresholds.updated", "organization", organization.Id,
                    $"Imported: strike window {organization.StrikeTtlDays} d"
                    + (st.Thresholds is null ? string.Empty : $"; thresholds {string.Join(", ", st.Thresholds.OrderBy(t => t.Threshold).Select(t => t.Threshold))}"), now);
            }
        }

        if (plan.Wellness is { } wellness)
        {
            var before = plan.WellnessRow?.AsDefaults() ?? WellnessPreferences.Default;
            if (before != wellness)
            {
                var row = plan.WellnessRow;
                if (row is null)
                {
                    row = WellnessSettings.ForOrganization(organization.Id, now);
                    db.WellnessSettings.Add(row);
                }

                row.SetDefaults(wellness, now);
                changed.Add("wellness");
                Audit(actor, "wellness.updated", "organization", organization.Id,
                    $"Imported wellness defaults: blur {wellness.BlurLevel}, {wellness.Tone}, unblur on hover {wellness.UnblurOnHover}, mute videos {wellness.MuteVideos}", now);
            }
        }

        if (plan.PartialItems is { } pi)
        {
            var before = (current.PartialItemsEndpoint, current.PartialItemsHeadersJson);
            var row = Row();
            row.SetPartialItems(pi.Endpoint, pi.Headers);
            if (before != (row.PartialItemsEndpoint, row.PartialItemsHeadersJson))
            {
                changed.Add("partial items");
                reviewChanged = true;
                Audit(actor, "partial-items.updated", "organization", organization.Id,
                    row.PartialItemsEndpoint is null ? "Imported: partial items off." : $"Imported: partial items from {row.PartialItemsEndpoint} with {row.PartialItemsHeaders.Count} header(s).", now);
            }
        }

        // A row created only to compare (nothing changed) is not written.
        if (plan.Review is null && review is not null && !reviewChanged)
        {
            db.ReviewSettings.Remove(review);
        }

        return changed;
    }

    private async Task ValidateNcmecAsync(NcmecConfig config, ImportValidator validator, CancellationToken cancellationToken)
    {
        var environment = NcmecEnvironment.Test;
        if (config.ActiveEnvironment is { } env && !TryParseEnum(env, out environment))
        {
            Add("/ncmec/activeEnvironment", "Use Test or Production.");
        }

        NcmecInternetDetailType? detailType = null;
        if (config.DefaultInternetDetailType is { } detail)
        {
            if (TryParseEnum<NcmecInternetDetailType>(detail, out var parsed))
            {
                detailType = parsed;
            }
            else
            {
                Add("/ncmec/defaultInternetDetailType", $"Use one of {string.Join(", ", Enum.GetNames<NcmecInternetDetailType>())}.");
            }
        }

        var requirement = NcmecMediaReviewRequirement.All;
        if (config.MediaReviewRequirement is { } req && !TryParseEnum(req, out requirement))
        {
            Add("/ncmec/mediaReviewRequirement", "Use All or Minimum.");
        }

        var fieldErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var values = await NcmecSettingsHandlers.ValidateAsync(db, guard, organization.Id, new NcmecSettingsValues(
            environment, config.ReporterEmail, config.ContactFirstName, config.ContactLastName, config.ContactPhone, config.ContactEmail, config.CompanyTemplate,
            config.EspServiceName, config.TermsOfService, config.LegalUrl, config.MoreInfoUrl, detailType, config.AdditionalInfoWebhookUrl,
            config.PreservationWebhookUrl, requirement, config.MinimumMediaToReview ?? 1, [], []), fieldErrors, cancellationToken);
        foreach (var (field, messages) in fieldErrors)
        {
            foreach (var message in messages)
            {
                Add($"/ncmec/{JsonName(field)}", message);
            }
        }

        var actionIds = new List<string>();
        var given = config.PostReportActionIds ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (ActionReference($"/ncmec/postReportActionIds/{i}", given[i], validator) is { } id && !actionIds.Contains(id))
            {
                actionIds.Add(id);
            }
        }

        var policyIds = new List<string>();
        var policies = config.PostReportPolicyIds ?? [];
        for (var i = 0; i < policies.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(policies[i]) || !validator.KnowsPolicy(policies[i]))
            {
                Add($"/ncmec/postReportPolicyIds/{i}", $"No policy '{policies[i]}' exists in the file or the organization.");
            }
            else if (!policyIds.Contains(policies[i]))
            {
                policyIds.Add(policies[i]);
            }
        }

        if (given.Count == 0 != (policies.Count == 0))
        {
            Add(given.Count == 0 ? "/ncmec/postReportActionIds" : "/ncmec/postReportPolicyIds",
                "Choose both the actions to run after a report and the policies they apply, or neither.");
        }

        var existing = await db.NcmecSettings.SingleOrDefaultAsync(s => s.OrganizationId == organization.Id, cancellationToken);
        if (existing?.ProtectedCredentials(values.ActiveEnvironment) is null)
        {
            warnings.Add($"/ncmec: CyberTipline credentials are never imported and this organization has no {values.ActiveEnvironment.ToString().ToLowerInvariant()} "
                + "credentials: reports cannot be filed until they are entered in Settings → Child Safety.");
        }

        ncmec = new NcmecImport(values with { PostReportActionIds = actionIds, PostReportPolicyIds = policyIds }, existing);
    }

    private bool ApplyNcmec(NcmecImport import, string actor, DateTime now)
    {
        var settings = import.Existing;
        if (settings is not null && Canonical(Values(settings)) == Canonical(import.Values))
        {
            return false;
        }

        if (settings is null)
        {
            settings = NcmecSettings.CreateDefault(organization.Id);
            db.NcmecSettings.Add(settings);
        }

        settings.Update(import.Values, null, now);
        Audit(actor, "ncmec-settings.updated", "ncmec-settings", organization.Id,
            $"Imported child-safety settings: {settings.ActiveEnvironment.ToString().ToLowerInvariant()} environment, reporter {settings.ReporterEmail}, "
            + $"{settings.PostReportActionIds.Count} post-report action(s); credentials unchanged.", now);
        return true;
    }

    private static NcmecSettingsValues Values(NcmecSettings s) => new(
        s.ActiveEnvironment, s.ReporterEmail, s.ContactFirstName, s.ContactLastName, s.ContactPhone, s.ContactEmail, s.CompanyTemplate, s.EspServiceName,
        s.TermsOfService, s.LegalUrl, s.MoreInfoUrl, s.DefaultInternetDetailType, s.AdditionalInfoWebhookUrl, s.PreservationWebhookUrl,
        s.MediaReviewRequirement, s.MinimumMediaToReview, s.PostReportActionIds, s.PostReportPolicyIds);

    private const int StrikeThresholdSettingsLimit = Strikes.StrikeThresholdSettingsHandler.MaxThresholds;

    private string? ActionReference(string pointer, string? id, ImportValidator validator)
    {
        if (validator.ActionId(id) is { } resolved)
        {
            return resolved;
        }

        Add(pointer, $"No action '{id}' exists in the file or the organization.");
        return null;
    }

    private void Url(string pointer, string? url)
    {
        if (!string.IsNullOrWhiteSpace(url) && ActionValidation.CallbackUrlError(url) is { } error)
        {
            Add(pointer, error);
        }
    }

    /// <summary>The file's headers (a null value keeps the saved one); a missing list keeps every saved header.</summary>
    private List<ActionHeaderInput> Headers(string pointer, IReadOnlyList<HeaderConfig>? headers, IReadOnlyList<ActionHeader> saved)
    {
        if (headers is null)
        {
            return [.. saved.Select(h => new ActionHeaderInput(h.Name, null))];
        }

        var inputs = headers.Select(h => new ActionHeaderInput(h.Name ?? string.Empty, h.Value)).ToList();
        foreach (var error in ActionValidation.HeaderErrors(inputs, [.. saved.Select(h => h.Name)]))
        {
            Add(pointer, error);
        }

        return inputs;
    }

    private void Audit(string actor, string action, string entityType, string entityId, string details, DateTime now) =>
        db.AuditEntries.Add(AuditEntry.Record(organization.Id, null, actor, action, entityType, entityId, details, now));

    private void Add(string pointer, string message)
    {
        if (!errors.TryGetValue(pointer, out var list))
        {
            errors[pointer] = list = [];
        }

        list.Add($"{pointer}: {message}");
    }

    private static bool TryParseProvider(string wire, out SsoProviderKind kind)
    {
        switch (wire.Trim().Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
        {
            case "GENERICOIDC":
            case "OIDC":
                kind = SsoProviderKind.GenericOidc;
                return true;
            case "ENTRAID":
                kind = SsoProviderKind.EntraId;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    private static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Canonical(SsoConfiguration c) => JsonSerializer.Serialize(c with { Scopes = [.. c.Scopes], AllowedDomains = [.. c.AllowedDomains] });

    private static string Canonical(NcmecSettingsValues v) => JsonSerializer.Serialize(v with { PostReportActionIds = [.. v.PostReportActionIds], PostReportPolicyIds = [.. v.PostReportPolicyIds] });

    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,63}$")]
    private static partial Regex RoleKeyPattern();

    private sealed record RoleImport(string Id, string Key, string Name, string? Description, IReadOnlyList<string> Permissions, CoopRole? Existing);

    private sealed record SsoImport(SsoConfiguration Configuration, SingleSignOnSettings? Existing);

    private sealed record NcmecImport(NcmecSettingsValues Values, NcmecSettings? Existing);

    private sealed record ReviewConsoleImport(
        bool RequirePolicy, bool RequireReasonOnAction, bool RequireReasonOnIgnore, bool AllowMultiplePolicies, bool HideSkip,
        string? IgnoreCallbackUrl, string? AppealCallbackUrl, IReadOnlyList<ActionHeaderInput> AppealHeaders);

    private sealed record AppealsImport(bool Enabled, IReadOnlyDictionary<string, string> UndoActions);

    private sealed record StrikeThresholdImport(int Threshold, IReadOnlyList<string> ActionIds, JsonObject Parameters);

    private sealed record StrikesImport(int TtlDays, IReadOnlyList<StrikeThresholdImport>? Thresholds);

    private sealed record PartialItemsImport(string? Endpoint, IReadOnlyList<ActionHeaderInput> Headers);

    private sealed record SettingsPlan(
        ReviewSettings? Review, ReviewConsoleImport? ReviewConsole, AppealsImport? Appeals, StrikesImport? Strikes, WellnessPreferences? Wellness,
        WellnessSettings? WellnessRow, PartialItemsImport? PartialItems);
}
