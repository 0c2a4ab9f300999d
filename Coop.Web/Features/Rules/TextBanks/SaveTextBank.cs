using Coop.Domain.Authorization;
using Coop.Domain.Rules.TextBanks;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>Creates a text bank with its entries (one word, phrase or regular expression each).</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record CreateTextBankCommand(string Name, string? Description, TextBankKind Kind, IReadOnlyList<string> Entries);

/// <summary>
/// Renames or re-describes a text bank and, when <paramref name="Entries"/> is given, replaces its entries. With
/// <paramref name="ExpectedVersion"/>, a change made meanwhile by someone else is refused.
/// </summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record UpdateTextBankCommand(string Id, string Name, string? Description, IReadOnlyList<string>? Entries = null, DateTime? ExpectedVersion = null);

/// <summary>Adds entries to a text bank (an import or a paste); entries it already has are skipped.</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record AddTextBankEntriesCommand(string Id, IReadOnlyList<string> Entries);

/// <summary>Removes entries from a text bank (ignoring case for a bank of strings).</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record RemoveTextBankEntriesCommand(string Id, IReadOnlyList<string> Entries);

/// <summary>Deletes a text bank and its entries. Conditions that still name it then fail as "unavailable".</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record DeleteTextBankCommand(string Id);

internal sealed class SaveTextBankHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time, TextBankMatcherCache cache)
    : ICommandHandler<CreateTextBankCommand, TextBankSummary>, ICommandHandler<UpdateTextBankCommand, TextBankSummary>,
      ICommandHandler<AddTextBankEntriesCommand, TextBankSummary>, ICommandHandler<RemoveTextBankEntriesCommand, TextBankSummary>,
      ICommandHandler<DeleteTextBankCommand, bool>
{
    public async Task<TextBankSummary> HandleAsync(CreateTextBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = await TextBankChanges.ValidateHeaderAsync(db, actor.OrganizationId, null, command.Name, command.Description, cancellationToken);
        var (entries, entryErrors) = TextBankEntries.Normalize(command.Kind, command.Entries ?? []);
        TextBankChanges.ThrowIfInvalid(errors, entryErrors);
        var now = time.GetUtcNow().UtcDateTime;
        var bank = TextBank.Create(actor.OrganizationId, command.Name, command.Description, command.Kind, actor.UserId, now);
        bank.EntriesChanged(entries.Count, now);
        db.TextBanks.Add(bank);
        db.TextBankEntries.AddRange(entries.Select(e => TextBankEntry.Create(bank.Id, e)));
        TextBankChanges.Audit(db, actor, "text-bank.created", bank, $"Created {Kind(bank)} bank '{bank.Name}' with {entries.Count:N0} entries.", now);
        await db.SaveChangesAsync(cancellationToken);
        return TextBankSummary.From(bank);
    }

    public async Task<TextBankSummary> HandleAsync(UpdateTextBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await TextBankChanges.FindAsync(db, actor.OrganizationId, command.Id, cancellationToken);
        if (command.ExpectedVersion is { } expected && expected != bank.Version)
        {
            throw new ValidationFailedException(string.Empty, "Someone else changed this bank since you opened it. Cancel and open it again.");
        }

        var errors = await TextBankChanges.ValidateHeaderAsync(db, actor.OrganizationId, bank.Id, command.Name, command.Description, cancellationToken);
        var (entries, entryErrors) = command.Entries is null ? ([], []) : TextBankEntries.Normalize(bank.Kind, command.Entries);
        TextBankChanges.ThrowIfInvalid(errors, entryErrors);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var described = bank.Describe(command.Name, command.Description, now);
        var (added, removed) = command.Entries is null ? (0, 0) : await TextBankChanges.ReplaceEntriesAsync(db, bank, entries, now, cancellationToken);
        if (described || added + removed > 0)
        {
            TextBankChanges.Audit(db, actor, "text-bank.updated", bank,
                $"Updated {Kind(bank)} bank '{bank.Name}': {added:N0} entries added, {removed:N0} removed, {bank.EntryCount:N0} in all.", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(bank.Id);
        return TextBankSummary.From(bank);
    }

    public async Task<TextBankSummary> HandleAsync(AddTextBankEntriesCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await TextBankChanges.FindAsync(db, actor.OrganizationId, command.Id, cancellationToken);
        var (fresh, errors) = TextBankEntries.Normalize(bank.Kind, command.Entries ?? []);
        TextBankChanges.ThrowIfInvalid([], errors);
        var existing = await db.TextBankEntries.Where(e => e.BankId == bank.Id).Select(e => e.Value).ToListAsync(cancellationToken);
        var (all, allErrors) = TextBankEntries.Normalize(bank.Kind, existing.Concat(fresh));
        TextBankChanges.ThrowIfInvalid([], allErrors.Where(e => e.Key == "Entries").ToDictionary());
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (added, _) = await TextBankChanges.ReplaceEntriesAsync(db, bank, all, now, cancellationToken);
        TextBankChanges.Audit(db, actor, "text-bank.updated", bank, $"Added {added:N0} entries to text bank '{bank.Name}' ({bank.EntryCount:N0} in all).", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(bank.Id);
        return TextBankSummary.From(bank);
    }

    public async Task<TextBankSummary> HandleAsync(RemoveTextBankEntriesCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await TextBankChanges.FindAsync(db, actor.OrganizationId, command.Id, cancellationToken);
        var comparer = bank.Kind == TextBankKind.Strings ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var drop = new HashSet<string>((command.Entries ?? []).Select(e => e.Trim()), comparer);
        var existing = await db.TextBankEntries.Where(e => e.BankId == bank.Id).Select(e => e.Value).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (_, removed) = await TextBankChanges.ReplaceEntriesAsync(db, bank, [.. existing.Where(e => !drop.Contains(e))], now, cancellationToken);
        if (removed > 0)
        {
            TextBankChanges.Audit(db, actor, "text-bank.updated", bank, $"Removed {removed:N0} entries from text bank '{bank.Name}' ({bank.EntryCount:N0} left).", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(bank.Id);
        return TextBankSummary.From(bank);
    }

    public async Task<bool> HandleAsync(DeleteTextBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await db.TextBanks.SingleOrDefaultAsync(b => b.Id == command.Id && b.OrganizationId == actor.OrganizationId, cancellationToken);
        if (bank is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TextBankEntries.Where(e => e.BankId == bank.Id).ExecuteDeleteAsync(cancellationToken);
        db.TextBanks.Remove(bank);
        TextBankChanges.Audit(db, actor, "text-bank.deleted", bank, $"Deleted text bank '{bank.Name}' ({bank.EntryCount:N0} entries).", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(bank.Id);
        return true;
    }

    private static string Kind(TextBank bank) => bank.Kind == TextBankKind.Regex ? "regex" : "text";
}
