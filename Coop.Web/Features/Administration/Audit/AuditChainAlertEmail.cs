using System.Globalization;
using System.Text;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Email;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>
/// Emails a broken audit chain to every organization's on-call alert address and to its admins (active users whose role
/// grants Manage organization), one message per address, through the SMTP server invitations use. Without SMTP it only
/// logs: admins still see the banner (<see cref="GetAuditChainAlertQuery"/>) and the <c>audit.chain-broken</c> entry.
/// A recipient the server refuses is logged and the others are still sent to.
/// </summary>
internal sealed partial class AuditChainAlertEmail(IEmailSender email, IDbContextFactory<CoopDbContext> factory, ILogger<AuditChainAlertEmail> logger)
    : IAuditAlertNotifier
{
    public const string Subject = "Coop: the audit log has been tampered with";

    public async Task ChainBrokenAsync(AuditChainReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!email.IsConfigured)
        {
            LogNoSmtp(logger, report.Problem);
            return;
        }

        foreach (var (organization, recipients) in await RecipientsAsync(factory, cancellationToken))
        {
            var body = Body(organization, report);
            foreach (var recipient in recipients)
            {
                try
                {
                    await email.SendAsync(recipient, Subject, body, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSendFailed(logger, ex, recipient);
                }
            }
        }
    }

    /// <summary>Each organization's name and the addresses to alert: its on-call alert email, then its admins' emails (no address twice).</summary>
    internal static async Task<List<(string Organization, List<string> Recipients)>> RecipientsAsync(IDbContextFactory<CoopDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var adminRoles = db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.ManageOrg).Select(c => c.RoleId);
        var admins = await (
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId
            where !u.IsDeactivated && u.Email != null && adminRoles.Contains(ur.RoleId)
            select new { u.OrganizationId, Email = u.Email! }).Distinct().ToListAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.OnCallAlertEmail }).ToListAsync(cancellationToken);
        return [.. organizations.Select(o => (o.Name, new[] { o.OnCallAlertEmail }
            .Concat(admins.Where(a => a.OrganizationId == o.Id).Select(a => a.Email).Order(StringComparer.OrdinalIgnoreCase))
            .OfType<string>().Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .Where(o => o.Item2.Count > 0)];
    }

    private static string Body(string organization, AuditChainReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Coop's audit log verification found a break in the tamper-evident chain ({organization}).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Problem: {report.Problem}");
        if (report.BrokenEntryId is { } id)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"First broken entry: {id}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Verified at: {report.VerifiedAt:yyyy-MM-dd HH:mm:ss} UTC ({report.Checked} entries intact before the break)");
        text.AppendLine();
        text.AppendLine("Someone changed or removed audit entries outside Coop (in the database). Treat this as a security incident:");
        text.AppendLine("keep a copy of the database, compare it with your backups, and run 'coop audit verify' once it is understood.");
        text.AppendLine("Admins see the alert in the console until the chain verifies again (Settings → Audit log → Verify now).");
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit chain is broken ({Problem}) but email is not configured (Smtp:Host and Smtp:From): admins see the console banner only")]
    private static partial void LogNoSmtp(ILogger logger, string? problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not email the audit chain alert to {Recipient}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string recipient);
}
