using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Rules.LocationBanks;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.LocationBanks;

/// <summary>Creates a location bank from lines of <c>prefix</c> or <c>prefix,label</c> (geohash prefixes of 1–12 characters).</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record CreateLocationBankCommand(string Name, string? Description, IReadOnlyList<string> Entries);

/// <summary>Renames a location bank and, when <paramref name="Entries"/> is given, replaces its entries.</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record UpdateLocationBankCommand(string Id, string Name, string? Description, IReadOnlyList<string>? Entries = null, DateTime? ExpectedVersion = null);

/// <summary>Deletes a location bank and its entries.</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record DeleteLocationBankCommand(string Id);

internal sealed class SaveLocationBankHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time, LocationBankCache cache)
    : ICommandHandler<CreateLocationBankCommand, LocationBankSummary>, ICommandHandler<UpdateLocationBankCommand, LocationBankSummary>,
      ICommandHandler<DeleteLocationBankCommand, bool>
{
    public async Task<LocationBankSummary> HandleAsync(CreateLocationBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (entries, _) = await ValidateAsync(db, actor.OrganizationId, null, command.Name, command.Description, command.Entries ?? [], cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var bank = LocationBank.Create(actor.OrganizationId, command.Name, command.Description, actor.UserId, now);
        bank.EntriesChanged(entries.Count, now);
        db.LocationBanks.Add(bank);
        db.LocationBankEntries.AddRange(entries.Select(e => LocationBankEntry.Create(bank.Id, e.Prefix, e.Label)));
        Audit(db, actor, "location-bank.created", bank, $"Created location bank '{bank.Name}' with {entries.Count:N0} areas.", now);
        await db.SaveChangesAsync(cancellationToken);
        return LocationBankSummary.From(bank);
    }

    public async Task<LocationBankSummary> HandleAsync(UpdateLocationBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await db.LocationBanks.SingleOrDefaultAsync(b => b.Id == command.Id && b.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "The location bank no longer exists.");
        if (command.ExpectedVersion is { } expected && expected != bank.Version)
        {
            throw new ValidationFailedException(string.Empty, "Someone else changed this bank since you opened it. Cancel and open it again.");
        }

        var (entries, _) = await ValidateAsync(db, actor.OrganizationId, bank.Id, command.Name, command.Description, command.Entries ?? [], cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = bank.Describe(command.Name, command.Description, now);
        if (command.Entries is not null)
        {
            // Location banks are small (areas, not word lists): replace the rows.
            await db.LocationBankEntries.Where(e => e.BankId == bank.Id).ExecuteDeleteAsync(cancellationToken);
            db.LocationBankEntries.AddRange(entries.Select(e => LocationBankEntry.Create(bank.Id, e.Prefix, e.Label)));
            bank.EntriesChanged(entries.Count, now);
            changed = true;
        }

        if (changed)
        {
            Audit(db, actor, "location-bank.updated", bank, $"Updated location bank '{bank.Name}' ({bank.EntryCount:N0} areas).", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(bank.Id);
        return LocationBankSummary.From(bank);
    }

    public async Task<bool> HandleAsync(DeleteLocationBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await db.LocationBanks.SingleOrDefaultAsync(b => b.Id == command.Id && b.OrganizationId == actor.OrganizationId, cancellationToken);
        if (bank is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LocationBankEntries.Where(e => e.BankId == bank.Id).ExecuteDeleteAsync(cancellationToken);
        db.LocationBanks.Remove(bank);
        Audit(db, actor, "location-bank.deleted", bank, $"Deleted location bank '{bank.Name}' ({bank.EntryCount:N0} areas).", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(bank.Id);
        return true;
    }

    private static async Task<(List<(string Prefix, string? Label)> Entries, Dictionary<string, string[]> Errors)> ValidateAsync(
        CoopDbContext db, string organizationId, string? id, string? name, string? description, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var (entries, errors) = LocationBankEntries.Parse(lines);
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors["Name"] = ["Name the bank."];
        }
        else if (trimmed.Length > LocationBank.NameMaxLength)
        {
            errors["Name"] = [$"Use at most {LocationBank.NameMaxLength} characters."];
        }
        else
        {
            var names = await db.LocationBanks.Where(b => b.OrganizationId == organizationId && b.Id != id).Select(b => b.Name).ToListAsync(cancellationToken);
            if (names.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                errors["Name"] = [$"A location bank named '{trimmed}' already exists."];
            }
        }

        if (description?.Trim().Length > LocationBank.DescriptionMaxLength)
        {
            errors["Description"] = [$"Use at most {LocationBank.DescriptionMaxLength} characters."];
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : (entries, errors);
    }

    private static void Audit(CoopDbContext db, ConfigActor actor, string action, LocationBank bank, string details, DateTime now) =>
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, action, "location-bank", bank.Id, details, now));
}
