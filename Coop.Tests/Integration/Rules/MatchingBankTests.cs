using System.Diagnostics;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Rules.LocationBanks;
using Coop.Web.Features.Rules.Signals;
using Coop.Web.Features.Rules.Signals.Builtin;
using Coop.Web.Features.Rules.TextBanks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Rules;

/// <summary>Text and location banks: their use cases on each provider, and the text and geo signals run by the condition engine.</summary>
[Trait("Category", "Integration")]
public sealed class MatchingBankTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Subject(string text, string? geohash = null) : IConditionSubject
    {
        public IReadOnlyList<string> ValuesOf(ConditionInput input, string? field) => input switch
        {
            ConditionInput.AllText => [text],
            ConditionInput.AnyGeohash when geohash is not null => [geohash],
            _ => [],
        };
    }

    private static async Task<(CoopAppFactory App, string OrgId, TestDatabase Database)> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var app = new CoopAppFactory(database.Settings());
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct);
        var orgId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.RulesManager, DefaultRoles.Analyst, DefaultRoles.ExternalModerator);
        return (app, orgId, database);
    }

    private static string Manager => OrganizationBuilder.EmailFor("Acme", DefaultRoles.RulesManager);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Text_bank_use_cases_validate_refuse_without_permission_and_audit(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        var (app, _, database) = await StartAsync(provider);
        await using var db0 = database;
        await using var app0 = app;

        var bank = await app.AsUserAsync(Manager, async s =>
        {
            var created = await s.SendAsync<CreateTextBankCommand, TextBankSummary>(new("Slurs", "Words we never allow", TextBankKind.Strings, ["alpha", " Beta ", "beta", "", "gamma"]));
            Assert.Equal(3, created.EntryCount);

            var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<CreateTextBankCommand, TextBankSummary>(new("SLURS", null, TextBankKind.Regex, ["ok+", "(broken", new string('x', 2001)])));
            Assert.Equal(["Entries[1]", "Entries[2]", "Name"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
            var empty = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<CreateTextBankCommand, TextBankSummary>(new(" ", null, TextBankKind.Strings, [])));
            Assert.Contains("Name", empty.Errors.Keys);

            var added = await s.SendAsync<AddTextBankEntriesCommand, TextBankSummary>(new(created.Id, ["delta", "ALPHA", "epsilon"]));
            Assert.Equal(5, added.EntryCount);
            var removed = await s.SendAsync<RemoveTextBankEntriesCommand, TextBankSummary>(new(created.Id, ["GAMMA"]));
            Assert.Equal(4, removed.EntryCount);
            var renamed = await s.SendAsync<UpdateTextBankCommand, TextBankSummary>(new(created.Id, "Slurs v2", null, ["alpha", "zeta"], removed.Version));
            Assert.Equal(2, renamed.EntryCount);
            var stale = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<UpdateTextBankCommand, TextBankSummary>(new(created.Id, "Slurs v3", null, null, removed.Version)));
            Assert.Contains("Someone else changed this bank", stale.Message, StringComparison.Ordinal);

            var page = await s.AskAsync<ListTextBankEntriesQuery, TextBankEntryPage?>(new(created.Id, "ZET"));
            Assert.Equal(["zeta"], page!.Entries);
            Assert.Equal(1, page.MatchingCount);
            return renamed;
        });

        await app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Analyst), async s =>
        {
            await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
                s.SendAsync<CreateTextBankCommand, TextBankSummary>(new("Mine", null, TextBankKind.Strings, ["x"])));
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.SendAsync<DeleteTextBankCommand, bool>(new(bank.Id)));
            await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
                s.SendAsync<CreateLocationBankCommand, LocationBankSummary>(new("Mine", null, ["u09"])));
            var visible = await s.AskAsync<ListTextBanksQuery, IReadOnlyList<TextBankSummary>>(new());
            Assert.Equal([("Slurs v2", TextBankKind.Strings, 2)], visible.Select(b => (b.Name, b.Kind, b.EntryCount)));
            return 0;
        });
        await app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.ExternalModerator), async s =>
        {
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.AskAsync<ListTextBanksQuery, IReadOnlyList<TextBankSummary>>(new()));
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.AskAsync<ListLocationBanksQuery, IReadOnlyList<LocationBankSummary>>(new()));
            return 0;
        });

        await app.AsUserAsync(Manager, async s =>
        {
            var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<CreateLocationBankCommand, LocationBankSummary>(new("Cities", null, ["u09tv,Louvre", "not-a-geohash"])));
            Assert.Equal(["Entries[1]"], invalid.Errors.Keys);
            var cities = await s.SendAsync<CreateLocationBankCommand, LocationBankSummary>(new("Cities", null, ["u09tv,Louvre", "9q8y"]));
            Assert.Equal(2, cities.EntryCount);
            var page = await s.AskAsync<ListLocationBankEntriesQuery, LocationBankEntryPage?>(new(cities.Id, "louvre"));
            Assert.Equal(["u09tv,Louvre"], page!.Entries);
            Assert.True(await s.SendAsync<DeleteLocationBankCommand, bool>(new(cities.Id)));
            Assert.True(await s.SendAsync<DeleteTextBankCommand, bool>(new(bank.Id)));
            Assert.Empty(await s.AskAsync<ListTextBanksQuery, IReadOnlyList<TextBankSummary>>(new()));
            return 0;
        });

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.TextBankEntries.CountAsync(Ct));
        var audit = await db.AuditEntries.Where(a => a.TargetType == "text-bank" || a.TargetType == "location-bank")
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["text-bank.created", "text-bank.updated", "text-bank.updated", "text-bank.updated", "location-bank.created", "location-bank.deleted", "text-bank.deleted"], audit);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Text_and_geo_signals_run_through_the_condition_engine(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        var (app, orgId, database) = await StartAsync(provider);
        await using var db0 = database;
        await using var app0 = app;
        var otherOrg = await OrganizationBuilder.CreateAsync(app, "Other", DefaultRoles.RulesManager);

        var bigEntries = Enumerable.Range(0, 10_000).Select(i => $"banned phrase {i:D5}").ToList();
        var (words, regexes, big, places) = await app.AsUserAsync(Manager, async s => (
            await s.SendAsync<CreateTextBankCommand, TextBankSummary>(new("Words", null, TextBankKind.Strings, ["he", "she", "hers", "crypto"])),
            await s.SendAsync<CreateTextBankCommand, TextBankSummary>(new("Patterns", null, TextBankKind.Regex, [@"free\s+money", @"^(a+)+$"])),
            await s.SendAsync<CreateTextBankCommand, TextBankSummary>(new("Big", null, TextBankKind.Strings, bigEntries)),
            await s.SendAsync<CreateLocationBankCommand, LocationBankSummary>(new("Places", null, ["u09tv,Louvre", "u09", "9q8y,San Francisco"]))));
        var foreign = await app.AsUserAsync(OrganizationBuilder.EmailFor("Other", DefaultRoles.RulesManager), s =>
            s.SendAsync<CreateTextBankCommand, TextBankSummary>(new("Theirs", null, TextBankKind.Strings, ["ushers"])));

        var textCache = app.Services.GetRequiredService<TextBankMatcherCache>();
        var registry = new SignalRegistry([
            new TextContainsSignal(textCache), new TextNotContainsSignal(textCache), new TextRegexSignal(textCache),
            new TextNotRegexSignal(textCache), new TextContainsVariantSignal(textCache),
            new GeoWithinSignal(app.Services.GetRequiredService<LocationBankCache>())]);
        async Task<ConditionTrace> EvaluateAsync(Condition condition, Subject subject) =>
            await ConditionEngine.EvaluateAsync(condition, subject,
                new SignalRunner(registry, new NoSignalSettings(), new SignalItem(orgId, "post", Guid.NewGuid().ToString("N"), "1")), Ct);
        LeafCondition Text(string signal, IReadOnlyList<string>? strings = null, IReadOnlyList<string>? banks = null, Comparator comparator = Comparator.Equals) =>
            new(ConditionInput.AllText, comparator, [], Signal: new SignalCall(signal, strings, banks));

        var contains = await EvaluateAsync(Text("text.contains", banks: [words.Id]), new Subject("Our USHERS stood"));
        Assert.Equal((ConditionOutcome.Passed, "she"), (contains.Outcome, contains.MatchedValue));
        Assert.Equal(ConditionOutcome.Failed, (await EvaluateAsync(Text("text.contains", ["bitcoin"], [words.Id]), new Subject("nothing to see"))).Outcome);
        Assert.Equal(ConditionOutcome.Passed, (await EvaluateAsync(Text("text.contains", ["Bitcoin"], [words.Id]), new Subject("buy BITCOIN now"))).Outcome);
        Assert.Equal(ConditionOutcome.Passed, (await EvaluateAsync(Text("text.not-contains", banks: [words.Id]), new Subject("nothing to see"))).Outcome);
        Assert.Equal(ConditionOutcome.Failed, (await EvaluateAsync(Text("text.not-contains", banks: [words.Id]), new Subject("crypto!"))).Outcome);
        var bigMatch = await EvaluateAsync(Text("text.contains", banks: [big.Id]), new Subject("a text with Banned Phrase 09876 inside"));
        Assert.Equal((ConditionOutcome.Passed, "banned phrase 09876"), (bigMatch.Outcome, bigMatch.MatchedValue));
        Assert.Equal(ConditionOutcome.Failed, (await EvaluateAsync(Text("text.contains", banks: [big.Id]), new Subject("banned phrase 1234"))).Outcome);
        var variant = await EvaluateAsync(Text("text.contains-variant", banks: [words.Id]), new Subject("get CRYPT000 now"));
        Assert.Equal((ConditionOutcome.Passed, "crypto"), (variant.Outcome, variant.MatchedValue));

        var regex = await EvaluateAsync(Text("text.regex", banks: [regexes.Id]), new Subject("Get FREE   money"));
        Assert.Equal((ConditionOutcome.Passed, @"free\s+money"), (regex.Outcome, regex.MatchedValue));
        Assert.Equal(ConditionOutcome.Passed, (await EvaluateAsync(Text("text.not-regex", [@"\d{4}"]), new Subject("no digits"))).Outcome);
        var badPattern = await EvaluateAsync(Text("text.regex", ["(oops"]), new Subject("x"));
        Assert.Equal(ConditionOutcome.Errored, badPattern.Outcome);

        // A catastrophic pattern on a hostile value: the signal fails quickly and the condition is unavailable, not a crash.
        var hostile = new Subject(new string('a', 40) + "b");
        var clock = Stopwatch.StartNew();
        var timedOut = await EvaluateAsync(Text("text.regex", banks: [regexes.Id]), hostile);
        clock.Stop();
        Assert.Equal(ConditionOutcome.Errored, timedOut.Outcome);
        Assert.Contains("timed out", timedOut.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(ConditionOutcome.Errored, (await EvaluateAsync(Text("text.not-regex", [@"^(a+)+$"]), hostile)).Outcome);
        Assert.Equal(ConditionOutcome.Passed, (await EvaluateAsync(Text("text.regex", [@"^(a+)+$"], comparator: Comparator.IsUnavailable), hostile)).Outcome);
        var inOr = await EvaluateAsync(new ConditionSet(Conjunction.Or, [Text("text.regex", [@"^(a+)+$"]), Text("text.contains", ["zzz"])]), hostile);
        Assert.Equal(ConditionOutcome.Errored, inOr.Outcome);

        // Banks of another organization, deleted banks, wrong kinds and empty matching values are failures.
        Assert.Contains("does not exist", (await EvaluateAsync(Text("text.contains", banks: [foreign.Id]), new Subject("ushers"))).Error, StringComparison.Ordinal);
        Assert.Contains("regular expressions", (await EvaluateAsync(Text("text.contains", banks: [regexes.Id]), new Subject("x"))).Error, StringComparison.Ordinal);
        Assert.Contains("none were found", (await EvaluateAsync(Text("text.contains", []), new Subject("x"))).Error, StringComparison.Ordinal);

        // A change on this node is seen at once.
        await app.AsUserAsync(Manager, s => s.SendAsync<AddTextBankEntriesCommand, TextBankSummary>(new(words.Id, ["newword"])));
        Assert.Equal(ConditionOutcome.Passed, (await EvaluateAsync(Text("text.contains", banks: [words.Id]), new Subject("a NEWWORD"))).Outcome);

        LeafCondition Geo(IReadOnlyList<string>? strings = null, IReadOnlyList<string>? banks = null) =>
            new(ConditionInput.AnyGeohash, Comparator.Equals, [], Signal: new SignalCall("geo.within", strings, banks));
        var louvre = await EvaluateAsync(Geo(banks: [places.Id]), new Subject("", "u09tvw6q"));
        Assert.Equal((ConditionOutcome.Passed, "u09tv (Louvre)"), (louvre.Outcome, louvre.MatchedValue));
        Assert.Equal("u09", (await EvaluateAsync(Geo(banks: [places.Id]), new Subject("", "u09whd"))).MatchedValue);
        Assert.Equal(ConditionOutcome.Failed, (await EvaluateAsync(Geo(banks: [places.Id]), new Subject("", "dr5ru7"))).Outcome);
        Assert.Equal(ConditionOutcome.Passed, (await EvaluateAsync(Geo(["dr5r,New York"]), new Subject("", "dr5ru7"))).Outcome);
        Assert.Equal(ConditionOutcome.Inapplicable, (await EvaluateAsync(Geo(banks: [places.Id]), new Subject("no geohash"))).Outcome);
        Assert.Equal(ConditionOutcome.Errored, (await EvaluateAsync(Geo(banks: [places.Id]), new Subject("", "not a geohash!"))).Outcome);
    }
}
