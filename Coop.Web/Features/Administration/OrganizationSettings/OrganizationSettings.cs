using System.Net.Mail;
using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.OrganizationSettings;

/// <summary>The organization's editable details (Settings → Organization).</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetOrganizationSettingsQuery;

/// <summary>Saves the organization's name, contact email, website and on-call alert email; audited with before and after.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record UpdateOrganizationCommand(string Name, string Email, string? WebsiteUrl, string? OnCallAlertEmail);

public sealed record OrganizationSettingsView(string Id, string Name, string Email, string? WebsiteUrl, string? OnCallAlertEmail);

internal sealed class OrganizationSettingsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetOrganizationSettingsQuery, OrganizationSettingsView>, ICommandHandler<UpdateOrganizationCommand, OrganizationSettingsView>
{
    public async Task<OrganizationSettingsView> HandleAsync(GetOrganizationSettingsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return View(await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganizationId, cancellationToken));
    }

    public async Task<OrganizationSettingsView> HandleAsync(UpdateOrganizationCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var errors = Validate(command);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var name = (command.Name ?? string.Empty).Trim();
        if (!errors.ContainsKey("name")
            && await db.Organizations.AnyAsync(o => o.Id != actor.OrganizationId && o.Name == name, cancellationToken))
        {
            errors["name"] = ["Another organization already has this name."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var organization = await db.Organizations.SingleAsync(o => o.Id == actor.OrganizationId, cancellationToken);
        var before = View(organization);
        organization.UpdateDetails(name, command.Email, command.WebsiteUrl, command.OnCallAlertEmail);
        var after = View(organization);
        if (before == after)
        {
            return after;
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "organization.updated", "organization", actor.OrganizationId,
            Describe(before, after), time.GetUtcNow().UtcDateTime, Json(before), Json(after)));
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    internal static Dictionary<string, string[]> Validate(UpdateOrganizationCommand command)
    {
        var errors = new Dictionary<string, string[]>();
        var name = (command.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > Domain.Organizations.Organization.NameMaxLength)
        {
            errors["name"] = [$"Give the organization a name of 1 to {Domain.Organizations.Organization.NameMaxLength} characters."];
        }

        if (!IsEmail(command.Email))
        {
            errors["email"] = ["Enter a valid contact email address."];
        }

        if (!string.IsNullOrWhiteSpace(command.WebsiteUrl)
            && (!Uri.TryCreate(command.WebsiteUrl.Trim(), UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttps && site.Scheme != Uri.UriSchemeHttp)
                || command.WebsiteUrl.Trim().Length > 2048))
        {
            errors["websiteUrl"] = ["Enter the website as an http or https address, such as https://example.com."];
        }

        if (!string.IsNullOrWhiteSpace(command.OnCallAlertEmail) && !IsEmail(command.OnCallAlertEmail))
        {
            errors["onCallAlertEmail"] = ["Enter a valid on-call alert email address, or leave it empty."];
        }

        return errors;
    }

    private static bool IsEmail(string? value)
    {
        var text = (value ?? string.Empty).Trim();
        return text.Length is > 0 and <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);
    }

    private static string Describe(OrganizationSettingsView before, OrganizationSettingsView after)
    {
        (bool Changed, string Label)[] fields =
        [
            (before.Name != after.Name, "name"), (before.Email != after.Email, "contact email"),
            (before.WebsiteUrl != after.WebsiteUrl, "website"), (before.OnCallAlertEmail != after.OnCallAlertEmail, "on-call alert email"),
        ];
        return "changed " + string.Join(", ", fields.Where(f => f.Changed).Select(f => f.Label));
    }

    private static string Json(OrganizationSettingsView view) =>
        JsonSerializer.Serialize(new { view.Name, view.Email, view.WebsiteUrl, view.OnCallAlertEmail });

    private static OrganizationSettingsView View(Domain.Organizations.Organization o) => new(o.Id, o.Name, o.Email, o.WebsiteUrl, o.OnCallAlertEmail);
}
