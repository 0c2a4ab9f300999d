using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Hashing;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>Creates a bank; <paramref name="ReportMatchesToNcmec"/>: an ingested image matching it puts its author into NCMEC review.</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record CreateHashBankCommand(string Name, string? Description, bool Enabled = true, bool ReportMatchesToNcmec = false);

/// <summary>Edits a bank; <paramref name="ReportMatchesToNcmec"/> null keeps its "Report matches to NCMEC" setting.</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record UpdateHashBankCommand(string Id, string Name, string? Description, bool Enabled, bool? ReportMatchesToNcmec = null);

/// <summary>Deletes a bank and its entries. Conditions naming it then fail as "unavailable" until edited.</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record DeleteHashBankCommand(string Id);

/// <summary>Adds one hash (a repeat of one already in the bank is refused).</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record AddHashCommand(string BankId, HashKind Kind, string Value, string? Label = null);

/// <summary>Removes one entry.</summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record RemoveHashCommand(string BankId, long EntryId);

/// <summary>
/// Imports hashes from CSV text (see <see cref="HashBankImport"/>); <paramref name="Kind"/> is the kind of
/// header-less one-hash-per-line files. All or nothing: any bad line and nothing is added (see the report).
/// </summary>
[RequiresPermission(Permissions.MutateLiveRules)]
public sealed record ImportHashesCommand(string BankId, string Content, HashKind? Kind = null);

internal sealed class HashBankCommandHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time, HashBankIndexCache indexes)
    : ICommandHandler<CreateHashBankCommand, HashBankSummary>, ICommandHandler<UpdateHashBankCommand, HashBankSummary>,
      ICommandHandler<DeleteHashBankCommand, bool>, ICommandHandler<AddHashCommand, HashBankSummary>,
      ICommandHandler<RemoveHashCommand, bool>, ICommandHandler<ImportHashesCommand, HashImportReport>
{
    private const int MaxListedProblems = 100;
    // Six parameters a row: 300 rows stay under SQL Server's 2,100 parameters a statement.
    private const int RowsPerInsert = 300;

    public async Task<HashBankSummary> HandleAsync(CreateHashBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, actor.OrganizationId, null, command.Name, command.Description, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var bank = HashBank.Create(actor.OrganizationId, command.Name, command.Description, command.Enabled, now);
        bank.SetReportMatchesToNcmec(command.ReportMatchesToNcmec, now);
        db.HashBanks.Add(bank);
        Audit(db, actor, "hash-bank.created", bank,
            $"Created hash bank '{bank.Name}'{(bank.Enabled ? string.Empty : " (disabled)")}{(bank.ReportMatchesToNcmec ? " reporting matches to NCMEC" : string.Empty)}.", now);
        await db.SaveChangesAsync(cancellationToken);
        return (await HashBankSummaries.ListAsync(db, actor.OrganizationId, bank.Id, cancellationToken))[0];
    }

    public async Task<HashBankSummary> HandleAsync(UpdateHashBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await FindAsync(db, actor, command.Id, cancellationToken);
        await ValidateAsync(db, actor.OrganizationId, bank.Id, command.Name, command.Description, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var was = (bank.Name, bank.Enabled, bank.ReportMatchesToNcmec);
        bank.Update(command.Name, command.Description, command.Enabled, now);
        bank.SetReportMatchesToNcmec(command.ReportMatchesToNcmec ?? bank.ReportMatchesToNcmec, now);
        var changes = new List<string>();
        if (was.Name != bank.Name)
        {
            changes.Add($"renamed from '{was.Name}'");
        }

        if (was.Enabled != bank.Enabled)
        {
            changes.Add(bank.Enabled ? "enabled" : "disabled");
        }

        if (was.ReportMatchesToNcmec != bank.ReportMatchesToNcmec)
        {
            changes.Add(bank.ReportMatchesToNcmec ? "matches now reported to NCMEC" : "matches no longer reported to NCMEC");
        }

        Audit(db, actor, "hash-bank.updated", bank, $"Updated hash bank '{bank.Name}'{(changes.Count > 0 ? ": " + string.Join(", ", changes) : string.Empty)}.", now);
        await db.SaveChangesAsync(cancellationToken);
        indexes.Invalidate(bank.Id);
        return (await HashBankSummaries.ListAsync(db, actor.OrganizationId, bank.Id, cancellationToken))[0];
    }

    public async Task<bool> HandleAsync(DeleteHashBankCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await db.HashBanks.SingleOrDefaultAsync(b => b.Id == command.Id && b.OrganizationId == actor.OrganizationId, cancellationToken);
        if (bank is null)
        {
            return false;
        }

        var count = await db.HashBankEntries.CountAsync(e => e.BankId == bank.Id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.HashBankEntries.Where(e => e.BankId == bank.Id).ExecuteDeleteAsync(cancellationToken);
        db.HashBanks.Remove(bank);
        Audit(db, actor, "hash-bank.deleted", bank, $"Deleted hash bank '{bank.Name}' with {count} hash(es).", time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        indexes.Invalidate(bank.Id);
        return true;
    }

    public async Task<HashBankSummary> HandleAsync(AddHashCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await FindAsync(db, actor, command.BankId, cancellationToken);
        var value = HashKinds.Normalize(command.Kind, command.Value)
            ?? throw new ValidationFailedException(nameof(command.Value), $"A {HashKinds.Label(command.Kind)} hash is {HashKinds.HexLength(command.Kind)} hexadecimal digits.");
        if (await db.HashBankEntries.AnyAsync(e => e.BankId == bank.Id && e.Kind == command.Kind && e.Value == value, cancellationToken))
        {
            throw new ValidationFailedException(nameof(command.Value), "This hash is already in the bank.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.HashBankEntries.Add(HashBankEntry.Create(bank.Id, command.Kind, value, command.Label, null, now));
        bank.Touch(now);
        Audit(db, actor, "hash-bank.hash-added", bank, $"Added a {HashKinds.Label(command.Kind)} hash to '{bank.Name}'.", now);
        await db.SaveChangesAsync(cancellationToken);
        indexes.Invalidate(bank.Id);
        return (await HashBankSummaries.ListAsync(db, actor.OrganizationId, bank.Id, cancellationToken))[0];
    }

    public async Task<bool> HandleAsync(RemoveHashCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await FindAsync(db, actor, command.BankId, cancellationToken);
        var entry = await db.HashBankEntries.SingleOrDefaultAsync(e => e.Id == command.EntryId && e.BankId == bank.Id, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.HashBankEntries.Remove(entry);
        bank.Touch(now);
        Audit(db, actor, "hash-bank.hash-removed", bank, $"Removed the {HashKinds.Label(entry.Kind)} hash {entry.Value} from '{bank.Name}'.", now);
        await db.SaveChangesAsync(cancellationToken);
        indexes.Invalidate(bank.Id);
        return true;
    }

    public async Task<HashImportReport> HandleAsync(ImportHashesCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await FindAsync(db, actor, command.BankId, cancellationToken);
        using var reader = new StringReader(command.Content ?? string.Empty);
        var parsed = HashBankImport.Parse(reader, command.Kind);
        if (parsed.Problems.Count > 0)
        {
            return new HashImportReport(0, 0, parsed.Problems.Count, [.. parsed.Problems.Take(MaxListedProblems)]);
        }

        if (parsed.Hashes.Count == 0)
        {
            return new HashImportReport(0, 0, 1, [new ImportProblem(0, "The file holds no hashes.")]);
        }

        var existing = (await db.HashBankEntries.AsNoTracking().Where(e => e.BankId == bank.Id).Select(e => new { e.Kind, e.Value })
            .ToListAsync(cancellationToken)).Select(e => (e.Kind, e.Value)).ToHashSet();
        var fresh = parsed.Hashes.Where(h => existing.Add((h.Kind, h.Value))).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var batch in fresh.Chunk(RowsPerInsert))
        {
            await InsertAsync(db, bank.Id, batch, now, cancellationToken);
        }

        db.ChangeTracker.Clear();
        db.Attach(bank);
        bank.Touch(now);
        db.Entry(bank).State = EntityState.Modified;
        var byKind = string.Join(", ", fresh.GroupBy(h => h.Kind).Select(g => $"{g.Count()} {HashKinds.Label(g.Key)}"));
        Audit(db, actor, "hash-bank.imported", bank,
            $"Imported {fresh.Count} hash(es) into '{bank.Name}'{(fresh.Count > 0 ? $" ({byKind})" : string.Empty)}; skipped {parsed.Hashes.Count - fresh.Count} duplicate(s).", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        indexes.Invalidate(bank.Id);
        return new HashImportReport(fresh.Count, parsed.Hashes.Count - fresh.Count, 0, []);
    }

    /// <summary>One multi-row INSERT (identifiers quoted by the provider, values as parameters): far fewer round trips than one INSERT per entity.</summary>
    private static async Task InsertAsync(CoopDbContext db, string bankId, ImportedHash[] rows, DateTime now, CancellationToken cancellationToken)
    {
        var sql = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(HashBankEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var text = new System.Text.StringBuilder()
            .Append("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .Append(string.Join(", ", new[] { nameof(HashBankEntry.BankId), nameof(HashBankEntry.Kind), nameof(HashBankEntry.Value), nameof(HashBankEntry.Label), nameof(HashBankEntry.SourceId), nameof(HashBankEntry.AddedAt) }.Select(Column)))
            .Append(") VALUES ");
        var parameters = new List<object>(rows.Length * 6);
        for (var i = 0; i < rows.Length; i++)
        {
            var entry = HashBankEntry.Create(bankId, rows[i].Kind, rows[i].Value, rows[i].Label, rows[i].SourceId, now);
            // Nulls go in as NULL literals: a null parameter has no store type to map to.
            object?[] values = [entry.BankId, entry.Kind.ToString(), entry.Value, entry.Label, entry.SourceId, entry.AddedAt];
            text.Append(i == 0 ? "(" : ", (");
            for (var v = 0; v < values.Length; v++)
            {
                text.Append(v == 0 ? string.Empty : ", ");
                if (values[v] is { } value)
                {
                    text.Append('{').Append(parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('}');
                    parameters.Add(value);
                }
                else
                {
                    text.Append("NULL");
                }
            }

            text.Append(')');
        }

        await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
    }

    private static async Task<HashBank> FindAsync(CoopDbContext db, ConfigActor actor, string id, CancellationToken cancellationToken) =>
        await db.HashBanks.SingleOrDefaultAsync(b => b.Id == id && b.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "The hash bank no longer exists.");

    private static async Task ValidateAsync(CoopDbContext db, string organizationId, string? id, string? name, string? description, CancellationToken cancellationToken)
    {
        var errors = HashBank.Validate(name, description);
        if (!errors.ContainsKey(nameof(HashBank.Name)))
        {
            var trimmed = name!.Trim();
            var names = await db.HashBanks.Where(b => b.OrganizationId == organizationId && b.Id != id).Select(b => b.Name).ToListAsync(cancellationToken);
            if (names.Any(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                errors[nameof(HashBank.Name)] = [$"A hash bank named '{trimmed}' already exists."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static void Audit(CoopDbContext db, ConfigActor actor, string action, HashBank bank, string details, DateTime now) =>
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, action, "hash-bank", bank.Id, details, now));
}
