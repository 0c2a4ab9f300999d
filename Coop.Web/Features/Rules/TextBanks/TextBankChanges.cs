using Coop.Domain.Audit;
using Coop.Domain.Rules.TextBanks;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>Validation, entry diffs and audit rows shared by the text bank commands (the caller saves).</summary>
internal static class TextBankChanges
{
    private const int DeleteChunk = 500;

    public static async Task<TextBank> FindAsync(CoopDbContext db, string organizationId, string id, CancellationToken cancellationToken) =>
        await db.TextBanks.SingleOrDefaultAsync(b => b.Id == id && b.OrganizationId == organizationId, cancellationToken)
        ?? throw new ValidationFailedException(string.Empty, "The text bank no longer exists.");

    public static async Task<Dictionary<string, string[]>> ValidateHeaderAsync(
        CoopDbContext db, string organizationId, string? id, string? name, string? description, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors["Name"] = ["Name the bank."];
        }
        else if (trimmed.Length > TextBank.NameMaxLength)
        {
            errors["Name"] = [$"Use at most {TextBank.NameMaxLength} characters."];
        }
        else
        {
            var names = await db.TextBanks.Where(b => b.OrganizationId == organizationId && b.Id != id).Select(b => b.Name).ToListAsync(cancellationToken);
            if (names.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                errors["Name"] = [$"A text bank named '{trimmed}' already exists."];
            }
        }

        if (description?.Trim().Length > TextBank.DescriptionMaxLength)
        {
            errors["Description"] = [$"Use at most {TextBank.DescriptionMaxLength} characters."];
        }

        return errors;
    }

    public static void ThrowIfInvalid(Dictionary<string, string[]> errors, Dictionary<string, string[]> entryErrors)
    {
        foreach (var (key, value) in entryErrors)
        {
            errors[key] = value;
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    /// <summary>Makes the bank's entries exactly <paramref name="entries"/> (already normalised), touching only the rows that change.</summary>
    public static async Task<(int Added, int Removed)> ReplaceEntriesAsync(
        CoopDbContext db, TextBank bank, IReadOnlyList<string> entries, DateTime now, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(entries, StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var removeIds = new List<long>();
        await foreach (var row in db.TextBankEntries.AsNoTracking().Where(e => e.BankId == bank.Id).Select(e => new { e.Id, e.Value }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!wanted.Contains(row.Value) || !kept.Add(row.Value))
            {
                removeIds.Add(row.Id);
            }
        }

        foreach (var chunk in removeIds.Chunk(DeleteChunk))
        {
            await db.TextBankEntries.Where(e => chunk.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        var added = 0;
        foreach (var value in entries.Where(e => !kept.Contains(e)))
        {
            db.TextBankEntries.Add(TextBankEntry.Create(bank.Id, value));
            added++;
        }

        if (added + removeIds.Count > 0)
        {
            bank.EntriesChanged(entries.Count, now);
        }

        return (added, removeIds.Count);
    }

    public static void Audit(CoopDbContext db, ConfigActor actor, string action, TextBank bank, string details, DateTime now) =>
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, action, "text-bank", bank.Id, details, now));
}
