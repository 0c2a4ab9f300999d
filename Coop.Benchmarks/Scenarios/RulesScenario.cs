using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Benchmarks.Harness;
using Coop.Domain.Actions;
using Coop.Domain.Conditions;
using Coop.Domain.Hashing;
using Coop.Domain.Items;
using Coop.Domain.Rules;
using Coop.Domain.Rules.TextBanks;
using Coop.Infrastructure.Hashing;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Rules.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// R1, the rules engine (issue 6): 20 live rules over two text banks of 10,000 entries each and a hash bank of 100,000
/// PDQ hashes, on ~1 KB posts of which 10% carry an image (from a pool of 200 served on loopback, 20 of them banked).
/// Measures (a) end-to-end processing — async ingestion API, durable write, rules evaluated and recorded, actions
/// queued — against the same traffic to an organization without rules, interleaved in pairs; and (b) evaluation
/// alone (the engine's prepare and evaluate steps on stored items, no writes). Target for both: 2,000 items/s.
/// </summary>
public sealed class RulesScenario(BenchmarkOptions options) : IScenario
{
    private const int BatchSize = 100;
    private const int Senders = 4;
    private const int ImagePool = 200;
    private const int BankedImages = 20;
    private const double Target = 2_000;

    private readonly Random random = new(20261202);
    private readonly string[] vocabulary = [.. Enumerable.Range(0, 5_000).Select(i => Word(i))];
    private List<string> bankPhrases = [];
    private int nextItem;

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        await using var images = await ImageServer.StartAsync();
        await using var host = new BenchmarkHost(options, new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" });
        var services = host.Services;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        Console.WriteLine("Seeding: two organizations, 2 × 10,000 text-bank entries, 100,000 PDQ hashes, 20 rules…");
        var withRules = await SeedOrganizationAsync(services, "Rules", string.Empty, cancellationToken);
        var reference = await SeedOrganizationAsync(services, "Reference", "ref-", cancellationToken);
        var seeded = Stopwatch.StartNew();
        await SeedRulesAsync(services, withRules.OrganizationId, images, now, cancellationToken);
        Console.WriteLine($"Seeded banks and rules in {seeded.Elapsed.TotalSeconds:0.0} s.");

        using var rulesClient = Client(host, withRules.ApiKey);
        using var referenceClient = Client(host, reference.ApiKey);

        Console.WriteLine("Warm-up…");
        await RunBatchAsync(services, rulesClient, withRules.OrganizationId, withRules.Prefix, Math.Min(2_000, options.Items), images, cancellationToken);
        await RunBatchAsync(services, referenceClient, reference.OrganizationId, reference.Prefix, Math.Min(2_000, options.Items), images, cancellationToken);

        var ratios = new List<double>();
        var productRates = new List<double>();
        for (var pair = 1; pair <= options.Pairs; pair++)
        {
            var referenceRate = await RunBatchAsync(services, referenceClient, reference.OrganizationId, reference.Prefix, options.Items, images, cancellationToken);
            var productRate = await RunBatchAsync(services, rulesClient, withRules.OrganizationId, withRules.Prefix, options.Items, images, cancellationToken);
            Console.WriteLine($"Pair {pair}: reference {referenceRate:0} items/s, with 20 rules {productRate:0} items/s ({productRate / referenceRate:0.00}×)");
            ratios.Add(productRate / referenceRate);
            productRates.Add(productRate);
        }

        var (evaluationRate, matched) = await EvaluateOnlyAsync(services, withRules.OrganizationId, cancellationToken);
        Console.WriteLine($"Evaluation only: {evaluationRate:0} items/s, {matched:P1} of items matched at least one rule.");
        var (ratio, min, max) = Ratios.Of(ratios);
        var (rate, _, _) = Ratios.Of(productRates);
        return
        [
            new("R1 rules", "end to end: ingested, evaluated by 20 live rules, recorded", rate, "items/s", ratio, min, max, Target, true,
                "same traffic, organization without rules"),
            new("R1 rules", "rule evaluation alone (prepare + evaluate, no writes)", evaluationRate, "items/s", null, null, null, Target, true, "–"),
            new("R1 rules", "items matching at least one rule", matched * 100, "%", null, null, null, null, true, "–"),
        ];
    }

    private static HttpClient Client(BenchmarkHost host, string apiKey)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-KEY", apiKey);
        return client;
    }

    /// <summary>Posts <paramref name="count"/> items (batches of 100, 4 senders) and waits until all are processed; returns items/s.</summary>
    private async Task<double> RunBatchAsync(
        IServiceProvider services, HttpClient client, string organizationId, string prefix, int count, ImageServer images, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        long before;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            before = await db.Set<ItemSubmission>().CountAsync(s => s.OrganizationId == organizationId, cancellationToken);
        }

        var bodies = Enumerable.Range(0, (count + BatchSize - 1) / BatchSize)
            .Select(b => Batch(Math.Min(BatchSize, count - (b * BatchSize)), prefix, images)).ToList();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var content = new StringContent(bodies[index], Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("/api/v1/items/async/", UriKind.Relative), content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Ingestion refused a batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
        }));

        var expected = before + count;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var processed = await db.Set<ItemSubmission>().CountAsync(s => s.OrganizationId == organizationId && s.ProcessedAt != null, cancellationToken);
            if (processed >= expected)
            {
                break;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Only {processed - before} of {count} items were processed in 10 minutes.");
            }

            await Task.Delay(50, cancellationToken);
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The engine's own work on the latest stored items: prepare (subject, author) and evaluate every rule, without writing.</summary>
    private static async Task<(double ItemsPerSecond, double Matched)> EvaluateOnlyAsync(IServiceProvider services, string organizationId, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var engine = services.GetRequiredService<RuleEngine>();
        var catalog = services.GetRequiredService<RuleCatalog>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var submissions = await db.Set<ItemSubmission>().AsNoTracking().Where(s => s.OrganizationId == organizationId)
            .OrderByDescending(s => s.Id).Take(10_000).ToListAsync(cancellationToken);
        var rules = (await catalog.EnabledAsync(organizationId, cancellationToken)).Where(r => r.AppliesTo("post")).ToList();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var matched = 0;
        var clock = Stopwatch.StartNew();
        foreach (var chunk in submissions.Chunk(200))
        {
            var work = await engine.PrepareBatchAsync(db, chunk, now, cancellationToken);
            var results = await engine.EvaluateAsync(work, cancellationToken);
            matched += results.Count(r => r.Any(x => x.Passed));
        }

        var rate = submissions.Count / clock.Elapsed.TotalSeconds;

        // Where the time goes: preparing the subjects, then each rule alone over the same 1,000 items.
        var sample = submissions.Take(1_000).ToList();
        clock.Restart();
        var sampleWork = new List<RuleEngine.Work>();
        foreach (var chunk in sample.Chunk(200))
        {
            sampleWork.AddRange(await engine.PrepareBatchAsync(db, chunk, now, cancellationToken));
        }

        Console.WriteLine($"  prepare: {clock.Elapsed.TotalMilliseconds * 1000 / sample.Count:0} µs/item");
        foreach (var rule in rules)
        {
            var only = sampleWork.Select(w => w with { Rules = [rule] }).ToList();
            clock.Restart();
            await engine.EvaluateAsync(only, cancellationToken);
            Console.WriteLine($"  {rule.Name}: {clock.Elapsed.TotalMilliseconds * 1000 / only.Count:0} µs/item");
        }

        return (rate, submissions.Count == 0 ? 0 : (double)matched / submissions.Count);
    }

    private string Batch(int count, string prefix, ImageServer images)
    {
        var items = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var id = Interlocked.Increment(ref nextItem);
            var words = new StringBuilder();
            while (words.Length < 1_000)
            {
                words.Append(vocabulary[random.Next(vocabulary.Length)]).Append(' ');
            }

            var roll = random.NextDouble();
            if (roll < 0.04)
            {
                words.Append(bankPhrases[random.Next(bankPhrases.Count)]);
            }
            else if (roll < 0.05)
            {
                words.Append("click here to claim your prize!!");
            }

            var data = new JsonObject
            {
                ["text"] = words.ToString(),
                ["score"] = random.Next(100),
                ["author"] = new JsonObject { ["id"] = $"u{random.Next(2_000)}", ["typeId"] = prefix + "user" },
            };
            if (random.NextDouble() < 0.10)
            {
                data["images"] = new JsonArray(images.UrlFor(random.Next(ImagePool)));
            }

            items.Add(new JsonObject { ["id"] = $"p{id}", ["typeId"] = prefix + "post", ["data"] = data });
        }

        return new JsonObject { ["items"] = items }.ToJsonString();
    }

    /// <summary>An organization with a post type (with an <c>images</c> field) and a user type, ids prefixed with <paramref name="prefix"/>.</summary>
    private static async Task<(string OrganizationId, string ApiKey, string Prefix)> SeedOrganizationAsync(
        IServiceProvider services, string name, string prefix, CancellationToken cancellationToken)
    {
        var (organizationId, apiKey) = await ScenarioSetup.OrganizationAsync(services, name, prefix, images: true, cancellationToken);
        return (organizationId, apiKey, prefix);
    }

    private async Task SeedRulesAsync(IServiceProvider services, string organizationId, ImageServer images, DateTime now, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Actions.Add(ActionDefinition.CreateCustom(organizationId, "flag",
            new ActionDefinitionDetails("Flag", null, [], images.HookUrl, [], null, false), now));

        var banks = new List<TextBank>();
        foreach (var name in new[] { "Scam phrases", "Slurs and threats" })
        {
            var bank = TextBank.Create(organizationId, name, null, TextBankKind.Strings, null, now);
            db.TextBanks.Add(bank);
            var phrases = new HashSet<string>(StringComparer.Ordinal);
            while (phrases.Count < 10_000)
            {
                phrases.Add($"{Word(random.Next(1_000_000) + 10_000)} {Word(random.Next(1_000_000) + 10_000)}");
            }

            db.TextBankEntries.AddRange(phrases.Select(p => TextBankEntry.Create(bank.Id, p)));
            banks.Add(bank);
            if (bankPhrases.Count == 0)
            {
                bankPhrases = [.. phrases.Take(500)];
            }
        }

        var hashBank = HashBank.Create(organizationId, "Known images", null, true, now);
        db.HashBanks.Add(hashBank);
        var bytes = new byte[32];
        for (var i = 0; i < 100_000 - BankedImages; i++)
        {
            random.NextBytes(bytes);
            db.HashBankEntries.Add(HashBankEntry.Create(hashBank.Id, HashKind.Pdq, Convert.ToHexStringLower(bytes), null, null, now));
        }

        for (var i = 0; i < BankedImages; i++)
        {
            db.HashBankEntries.Add(HashBankEntry.Create(hashBank.Id, HashKind.Pdq, ImageHasher.Pdq(images.Bytes(i * (ImagePool / BankedImages))).Hash.ToString(),
                $"known {i}", null, now));
        }

        var a = banks[0].Id;
        var b = banks[1].Id;
        static LeafCondition Signal(ConditionInput input, string id, string[]? strings = null, string[]? bankIds = null, string? field = null) =>
            new(input, Comparator.Equals, [], field, new SignalCall(id, strings, bankIds));
        static LeafCondition Compare(ConditionInput input, Comparator comparator, string value, string? field = null) => new(input, comparator, [value], field);
        static ConditionSet All(params Condition[] conditions) => new(Conjunction.And, conditions);
        static ConditionSet Any(params Condition[] conditions) => new(Conjunction.Or, conditions);
        var h = hashBank.Id;
        Condition[] conditions =
        [
            Signal(ConditionInput.AllText, "text.contains", bankIds: [a]),
            Signal(ConditionInput.AllText, "text.contains", bankIds: [b]),
            All(Signal(ConditionInput.ItemField, "text.contains", bankIds: [a], field: "text"), Compare(ConditionInput.ItemField, Comparator.GreaterThan, "50", "score")),
            Any(Signal(ConditionInput.AllText, "text.contains", bankIds: [b]), Signal(ConditionInput.AllText, "text.regex", [@"\bfree\s+money\b"])),
            Signal(ConditionInput.AnyImage, "image.hash-match", bankIds: [h]),
            All(Signal(ConditionInput.AnyImage, "image.hash-match", bankIds: [h]), Signal(ConditionInput.AllText, "text.contains", ["prize"])),
            Signal(ConditionInput.AllText, "text.regex", [@"(?i)click\s+here"]),
            Signal(ConditionInput.AllText, "text.regex", [@"\d{4}-\d{4}-\d{4}-\d{4}"]),
            Signal(ConditionInput.AllText, "text.contains", ["casino", "crypto", "giveaway"]),
            All(Signal(ConditionInput.AllText, "text.not-contains", bankIds: [a]), Compare(ConditionInput.ItemField, Comparator.GreaterThan, "98", "score")),
            Compare(ConditionInput.ItemField, Comparator.GreaterOrEqual, "99", "score"),
            Compare(ConditionInput.ItemField, Comparator.Contains, "lottery", "text"),
            Compare(ConditionInput.AuthorStrikeScore, Comparator.GreaterThan, "3"),
            All(new ConditionSet(Conjunction.Not, [Signal(ConditionInput.AllText, "text.contains", bankIds: [b])]),
                Compare(ConditionInput.ItemType, Comparator.Equals, "post"), Compare(ConditionInput.ItemField, Comparator.LessThan, "1", "score")),
            Signal(ConditionInput.AllText, "text.contains-variant", bankIds: [a]),
            All(Signal(ConditionInput.AllText, "text.contains", ["winner"]), Signal(ConditionInput.AllText, "text.regex", ["!!+"])),
            Any(Compare(ConditionInput.ItemField, Comparator.GreaterThan, "98", "score"), Signal(ConditionInput.AllText, "text.contains", ["urgent"])),
            Signal(ConditionInput.AllText, "text.regex", [@"https?://\S+\.(ru|xyz)\b"]),
            Compare(ConditionInput.ItemField, Comparator.MatchesRegex, "(?i)dm me", "text"),
            All(Signal(ConditionInput.AllText, "text.contains", bankIds: [a]), Signal(ConditionInput.AnyImage, "image.hash-match", bankIds: [h])),
        ];
        for (var i = 0; i < conditions.Length; i++)
        {
            var problems = ConditionEvaluator.Problems(conditions[i]);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"Benchmark rule {i + 1} is invalid: {string.Join("; ", problems)}");
            }

            var rule = Rule.Create(organizationId, null, now);
            rule.Define(new RuleDefinition($"Rule {i + 1:00}", null, RuleStatus.Live, ["post"], ConditionEvaluator.Serialize(conditions[i]),
                i % 7 == 0 ? ["flag"] : [], "{}", [], null, [], null, null), now);
            db.Rules.Add(rule);
            db.RuleVersions.Add(RuleVersion.Capture(rule, null, now));
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        services.GetRequiredService<RuleCatalog>().Invalidate(organizationId);
    }

    private static string Word(int n)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var chars = new StringBuilder();
        n += 26 * 26;
        while (n > 0)
        {
            chars.Append(letters[n % 26]);
            n /= 26;
        }

        return chars.ToString();
    }

    /// <summary>The platform's media host and webhook receiver: 200 distinct PNGs and a hook that answers 200.</summary>
    private sealed class ImageServer : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly byte[][] images;

        private ImageServer(WebApplication app, byte[][] images)
        {
            this.app = app;
            this.images = images;
        }

        public string HookUrl => $"{Base}hook";

        private string Base => app.Urls.First().TrimEnd('/') + "/";

        public static async Task<ImageServer> StartAsync()
        {
            var images = Enumerable.Range(0, ImagePool).Select(Draw).ToArray();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapGet("/img/{n:int}.png", (int n) => n >= 0 && n < images.Length ? Results.Bytes(images[n], "image/png") : Results.NotFound());
            app.MapPost("/hook", () => Results.Ok());
            await app.StartAsync();
            return new ImageServer(app, images);
        }

        public string UrlFor(int n) => $"{Base}img/{n}.png";

        public byte[] Bytes(int n) => images[n];

        public async ValueTask DisposeAsync() => await app.DisposeAsync();

        private static byte[] Draw(int seed)
        {
            var random = new Random(seed);
            using var bitmap = new SKBitmap(256, 256);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                using var paint = new SKPaint();
                for (var i = 0; i < 12; i++)
                {
                    paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                    canvas.DrawRect(random.Next(200), random.Next(200), 20 + random.Next(120), 20 + random.Next(120), paint);
                }
            }

            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
            return data.ToArray();
        }
    }
}
