using System.Diagnostics;
using System.Text;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Hashing;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Rules.HashBanks;
using Coop.Web.Features.Rules.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Rules;

/// <summary>Hash banks end to end: import, then the image signals through the condition engine with images on a real loopback server.</summary>
[Trait("Category", "Integration")]
public sealed class HashBankSignalTests(ITestOutputHelper output)
{
    private const string BridgeReference = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";
    private static readonly Dictionary<string, string?> AllowLoopback = new() { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" };
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Pdq");

    private sealed class Images(params string[] urls) : IConditionSubject
    {
        public IReadOnlyList<string> ValuesOf(ConditionInput input, string? field) => input == ConditionInput.AnyImage ? urls : [];
    }

    private static LeafCondition Leaf(string signal, string bankId, string? maxDistance = null) => new(
        ConditionInput.AnyImage, Comparator.Equals, [], Signal: new SignalCall(signal, BankIds: [bankId],
            Arguments: maxDistance is null ? null : new Dictionary<string, string> { ["maxDistance"] = maxDistance }));

    private static async Task<(string Org, string Manager, HashBankSummary Bank)> BankWithBridgeAsync(CoopAppFactory app)
    {
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.RulesManager, DefaultRoles.Moderator);
        var manager = OrganizationBuilder.EmailFor("Acme", DefaultRoles.RulesManager);
        var wee = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Fixtures, "wee.jpg"))));
        var bank = await app.AsUserAsync(manager, async s =>
        {
            var created = await s.SendAsync<CreateHashBankCommand, HashBankSummary>(new CreateHashBankCommand("Known bridges", "test"));
            var report = await s.SendAsync<ImportHashesCommand, HashImportReport>(new ImportHashesCommand(created.Id,
                $"signal_type,signal,label\npdq,{BridgeReference},bridge\nsha256,{wee},wee exact\n"));
            Assert.True(report.Imported);
            Assert.Equal(2, report.Added);
            return (await s.AskAsync<ListHashBanksQuery, IReadOnlyList<HashBankSummary>>(new ListHashBanksQuery())).Single();
        });
        return (org, manager, bank);
    }

    [Fact]
    public async Task A_blurred_copy_matches_by_pdq_an_exact_copy_by_sha256_and_unrelated_images_do_not()
    {
        await using var images = await ImageServer.StartAsync(Fixtures);
        await using var app = new CoopAppFactory(AllowLoopback);
        var (org, _, bank) = await BankWithBridgeAsync(app);
        Assert.Equal((1, 0, 1), (bank.PdqCount, bank.Md5Count, bank.Sha256Count));
        var runner = app.Services.GetRequiredService<SignalRunnerFactory>().For(new SignalItem(org, "post", "p1", "v1"));
        var ct = TestContext.Current.CancellationToken;

        var blurred = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id), new Images(images.UrlFor("bridge-blur-a-little.jpg")), runner, ct);
        Assert.Equal(ConditionOutcome.Passed, blurred.Outcome);
        Assert.StartsWith("Known bridges (PDQ, distance ", blurred.MatchedValue, StringComparison.Ordinal);
        output.WriteLine(blurred.MatchedValue ?? string.Empty);

        var exact = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id), new Images(images.UrlFor("wee.jpg")), runner, ct);
        Assert.Equal("Known bridges (SHA-256, exact)", exact.MatchedValue);

        var unrelated = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id), new Images(images.UrlFor("c.png")), runner, ct);
        Assert.Equal(ConditionOutcome.Failed, unrelated.Outcome);
        var noMatch = await ConditionEngine.EvaluateAsync(Leaf("image.hash-no-match", bank.Id), new Images(images.UrlFor("c.png")), runner, ct);
        Assert.Equal(ConditionOutcome.Passed, noMatch.Outcome);

        // A threshold of 0 bits: the blurred copy (a few bits off the reference) no longer matches.
        var strict = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id, "0"), new Images(images.UrlFor("bridge-orig.jpg")), runner, ct);
        var distance = ImageHasher(File.ReadAllBytes(Path.Combine(Fixtures, "bridge-orig.jpg"))).DistanceTo(PdqHash.Parse(BridgeReference));
        Assert.Equal(distance == 0 ? ConditionOutcome.Passed : ConditionOutcome.Failed, strict.Outcome);

        // Another evaluation (another item version) reuses the fetched hashes: each image was fetched once.
        var second = app.Services.GetRequiredService<SignalRunnerFactory>().For(new SignalItem(org, "post", "p2", "v1"));
        await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id), new Images(images.UrlFor("bridge-blur-a-little.jpg")), second, ct);
        Assert.Equal(1, images.Hits["bridge-blur-a-little.jpg"]);
        Assert.Equal(1, images.Hits["c.png"]);

        // A missing image, and a bank that is not there: the condition errors (unavailable), it does not fail silently.
        var missing = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id), new Images(images.UrlFor("gone.jpg")), runner, ct);
        Assert.Equal(ConditionOutcome.Errored, missing.Outcome);
        Assert.Contains("404", missing.Error, StringComparison.Ordinal);
        var noBank = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", "nope"), new Images(images.UrlFor("c.png")), runner, ct);
        Assert.Equal(ConditionOutcome.Errored, noBank.Outcome);

        // A bank edit is seen at once by the next evaluation on this node (the index is rebuilt from the new version).
        var manager = OrganizationBuilder.EmailFor("Acme", DefaultRoles.RulesManager);
        await app.AsUserAsync(manager, s => s.SendAsync<UpdateHashBankCommand, HashBankSummary>(new UpdateHashBankCommand(bank.Id, "Known bridges", null, Enabled: false)));
        var third = app.Services.GetRequiredService<SignalRunnerFactory>().For(new SignalItem(org, "post", "p3", "v1"));
        var disabled = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id), new Images(images.UrlFor("bridge-blur-a-little.jpg")), third, ct);
        Assert.Equal(ConditionOutcome.Failed, disabled.Outcome);
    }

    private static PdqHash ImageHasher(byte[] bytes) => Coop.Infrastructure.Hashing.ImageHasher.Hash(bytes).Pdq;

    [Fact]
    public async Task Loopback_images_are_refused_unless_allowed()
    {
        await using var images = await ImageServer.StartAsync(Fixtures);
        await using var app = new CoopAppFactory();
        var (org, _, bank) = await BankWithBridgeAsync(app);
        var runner = app.Services.GetRequiredService<SignalRunnerFactory>().For(new SignalItem(org, "post", "p1", "v1"));
        var trace = await ConditionEngine.EvaluateAsync(Leaf("image.hash-match", bank.Id), new Images(images.UrlFor("bridge-orig.jpg")), runner, TestContext.Current.CancellationToken);
        Assert.Equal(ConditionOutcome.Errored, trace.Outcome);
        Assert.Contains("Outbound:AllowedNetworks", trace.Error, StringComparison.Ordinal);
        Assert.False(images.Hits.ContainsKey("bridge-orig.jpg"));
    }

    [Fact]
    public async Task Imports_are_all_or_nothing_permissioned_audited_and_quick_for_100000_rows()
    {
        await using var app = new CoopAppFactory();
        var (org, manager, bank) = await BankWithBridgeAsync(app);
        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(moderator,
            s => s.SendAsync<ImportHashesCommand, HashImportReport>(new ImportHashesCommand(bank.Id, $"pdq,{BridgeReference}\n"))));
        Assert.Single(await app.AsUserAsync(moderator, s => s.AskAsync<ListHashBanksQuery, IReadOnlyList<HashBankSummary>>(new ListHashBanksQuery())));

        var bad = await app.AsUserAsync(manager, s => s.SendAsync<ImportHashesCommand, HashImportReport>(
            new ImportHashesCommand(bank.Id, $"pdq,{new string('a', 64)}\npdq,123\n")));
        Assert.False(bad.Imported);
        Assert.Equal(2, Assert.Single(bad.Problems).Line);

        var random = new Random(5);
        var csv = new StringBuilder("signal_type,signal\n");
        for (var i = 0; i < 100_000; i++)
        {
            csv.Append("pdq,").Append(Convert.ToHexStringLower(Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256)).ToArray())).Append('\n');
        }

        csv.Append($"pdq,{BridgeReference}\n");
        var clock = Stopwatch.StartNew();
        var report = await app.AsUserAsync(manager, s => s.SendAsync<ImportHashesCommand, HashImportReport>(new ImportHashesCommand(bank.Id, csv.ToString())));
        clock.Stop();
        output.WriteLine($"Imported 100,000 PDQ hashes into SQLite in {clock.ElapsedMilliseconds} ms");
        Console.WriteLine($"Imported 100,000 PDQ hashes into SQLite in {clock.ElapsedMilliseconds} ms");
        Assert.Equal((100_000, 1), (report.Added, report.Duplicates));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(100_002, await db.HashBankEntries.CountAsync(e => e.BankId == bank.Id, TestContext.Current.CancellationToken));
        var audit = await db.AuditEntries.Where(a => a.OrganizationId == org && a.TargetId == bank.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, audit.Count(a => a == "hash-bank.imported"));
        Assert.Contains("hash-bank.created", audit);

        // The index over the big bank answers quickly once built.
        var cache = app.Services.GetRequiredService<HashBankIndexCache>();
        var build = Stopwatch.StartNew();
        var index = Assert.Single(await cache.GetAsync(org, [bank.Id], TestContext.Current.CancellationToken));
        output.WriteLine($"Loaded and indexed {index.Count} hashes in {build.ElapsedMilliseconds} ms");
    }
}
