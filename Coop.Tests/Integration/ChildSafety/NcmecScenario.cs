using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Fakes.CyberTipline;
using Coop.Web.Features.ChildSafety.Pipeline;
using Coop.Web.Features.ChildSafety.Reports;
using Coop.Web.Features.ChildSafety.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>
/// The real app (SQLite or another provider's fresh database, loopback allowed, no backoff, the job's own schedule an hour
/// apart so tests drive it) with an organization (admin, child-safety moderator, moderator), a media server holding three
/// synthetic files, a platform webhook receiver for preservation calls, and the <see cref="FakeCyberTipline"/> over real
/// HTTP on loopback, which both CyberTiplines of the pipeline point at: the app's own <c>CyberTiplineClient</c> talks to it.
/// </summary>
internal sealed class NcmecScenario : IAsyncDisposable
{
    private static readonly string[] MediaNames = ["a.jpg", "b.png", "c.jpg"];
    private readonly TestDatabase database;

    private NcmecScenario(CoopAppFactory app, FakeCyberTipline tipline, ImageServer images, WebhookReceiver receiver, string organizationId, string folder, TestDatabase database)
    {
        App = app;
        Tipline = tipline;
        Images = images;
        Receiver = receiver;
        OrganizationId = organizationId;
        Folder = folder;
        this.database = database;
    }

    public CoopAppFactory App { get; }

    public FakeCyberTipline Tipline { get; }

    /// <summary>The folder the media server serves (tests may add files).</summary>
    public string Folder { get; }

    public ImageServer Images { get; }

    public WebhookReceiver Receiver { get; }

    public string OrganizationId { get; }

    public static string Admin => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

    public static string ChildSafety => OrganizationBuilder.EmailFor("Acme", DefaultRoles.ChildSafetyModerator);

    public static string Moderator => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);

    /// <summary>Set when started with a real port (browser tests).</summary>
    public Uri? BaseAddress { get; private set; }

    public static async Task<NcmecScenario> StartAsync(
        int maxAttempts = 5, bool realPort = false, DatabaseProvider provider = DatabaseProvider.Sqlite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        var folder = TestSettings.NewTempDirectory();
        foreach (var name in MediaNames)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), [.. "SYNTHETIC-TEST-MEDIA "u8.ToArray(), .. System.Text.Encoding.ASCII.GetBytes(name), .. new byte[4096]]);
        }

        var images = await ImageServer.StartAsync(folder);
        var receiver = await WebhookReceiver.StartAsync();
        var tipline = await FakeCyberTipline.StartAsync();
        var database = await TestDatabase.CreateAsync(provider);
        var configuration = database.Settings();
        configuration["Outbound:AllowedNetworks:0"] = "127.0.0.0/8";
        configuration["ChildSafety:Pipeline:TestBaseUrl"] = tipline.BaseAddress.ToString();
        configuration["ChildSafety:Pipeline:ProductionBaseUrl"] = tipline.BaseAddress.ToString();
        configuration["ChildSafety:Pipeline:Interval"] = "01:00:00";
        configuration["ChildSafety:Pipeline:BackoffBase"] = "00:00:00";
        configuration["ChildSafety:Pipeline:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = new CoopAppFactory(configuration);
        var baseAddress = realPort ? app.StartOnRealPort() : null;
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.ChildSafetyModerator, DefaultRoles.Moderator);
        receiver.PublicKeyPem = await app.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(org);
        return new NcmecScenario(app, tipline, images, receiver, org, folder, database) { BaseAddress = baseAddress };
    }

    public static NcmecSettingsValues Values(NcmecEnvironment active = NcmecEnvironment.Test, string? preservationUrl = null) => new(
        active, "trust-safety@acme.example", "Dana", "Lee", "+1 555 0100", "legal@acme.example",
        "Acme Inc. Legal process: legal@acme.example. Data kept 1 year.", "Acme Chat", "Users must be 13 or older.",
        "https://acme.example/legal", "https://acme.example/info", NcmecInternetDetailType.ChatIm, null, preservationUrl,
        NcmecMediaReviewRequirement.All, 1, [], []);

    /// <summary>Saves settings with the fake CyberTipline's credentials for both environments (or the given password).</summary>
    public Task<NcmecSettingsView> ConfigureAsync(NcmecEnvironment active = NcmecEnvironment.Test, string? password = null, bool preservation = true) =>
        SaveAsync(new SaveNcmecSettingsCommand(
            Values(active, preservation ? Receiver.UrlFor("/preserve").ToString() : null),
            new NcmecCredentialChange(Tipline.Username, password ?? Tipline.Password),
            new NcmecCredentialChange(Tipline.Username, password ?? Tipline.Password)));

    public Task<NcmecSettingsView> SaveAsync(SaveNcmecSettingsCommand command, string? user = null) =>
        App.AsUserAsync(user ?? Admin, s => s.SendAsync<SaveNcmecSettingsCommand, NcmecSettingsView>(command));

    public Task<NcmecSettingsView> GetSettingsAsync(string? user = null) =>
        App.AsUserAsync(user ?? Admin, s => s.AskAsync<GetNcmecSettingsQuery, NcmecSettingsView>(new GetNcmecSettingsQuery()));

    public Task<NcmecReportsView> ListAsync(string? user = null) =>
        App.AsUserAsync(user ?? ChildSafety, s => s.AskAsync<ListNcmecSubmissionsQuery, NcmecReportsView>(new ListNcmecSubmissionsQuery()));

    public Task<NcmecSubmissionView> RetryAsync(string id, string? user = null) =>
        App.AsUserAsync(user ?? ChildSafety, s => s.SendAsync<RetryNcmecSubmissionCommand, NcmecSubmissionView>(new RetryNcmecSubmissionCommand(id)));

    /// <summary>Three media (two reported, one not viewed) and one thread transcript.</summary>
    public NcmecReportRequest Request(int media = 3, bool thread = false)
    {
        var created = TimeProvider.System.GetUtcNow().AddHours(-2);
        var files = MediaNames.Take(media).Select((name, i) => new NcmecReportedMedia(
            $"post-{i}", "post", "image", Images.UrlFor(name), i == 0 ? NcmecIndustryClassification.A1 : NcmecIndustryClassification.B2,
            i == 0 ? NcmecFileAnnotations.GenerativeAi : NcmecFileAnnotations.None, created.AddMinutes(i), "192.0.2." + (i + 10),
            [new CyberTipFileHash("MD5", new string('a', 32))], Viewed: i != 2)).ToList();
        var threads = thread
            ? new[] { new NcmecReportedThread("thread-1", "thread", [new NcmecThreadMessage("m1", "user-1", "=HYPERLINK(\"http://evil\")", created)]) }
            : [];
        return new NcmecReportRequest("user-1", "user", NcmecIncidentType.ChildPornography, null, "Reviewer note.", files, threads);
    }

    public async Task<string> SubmitAsync(NcmecEnvironment environment, NcmecReportRequest? request = null, string? reviewer = null)
    {
        var reviewerId = await UserIdAsync(reviewer ?? ChildSafety);
        var id = Guid.NewGuid().ToString("N");
        await using var db = await Db();
        db.NcmecSubmissions.Add(NcmecSubmission.Create(id, OrganizationId, "job-" + id, reviewerId, environment, request ?? Request(), TimeProvider.System.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return id;
    }

    public async Task<string> UserIdAsync(string email) =>
        await App.WithScopeAsync(async s => (await s.GetRequiredService<UserManager<Coop.Infrastructure.Identity.CoopUser>>().FindByEmailAsync(email))!.Id);

    /// <summary>One run of the Quartz job's work (claim a batch, process each).</summary>
    public Task<int> RunJobAsync() =>
        ActivatorUtilities.CreateInstance<NcmecSubmissionJob>(App.Services).RunAsync(TestContext.Current.CancellationToken);

    public async Task<NcmecSubmission> LoadAsync(string id)
    {
        await using var db = await Db();
        return await db.NcmecSubmissions.AsNoTracking().SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
    }

    public async Task<CoopDbContext> Db() =>
        await App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>The MD5 of a media file as the media server serves it (what NCMEC must have received).</summary>
    public string Md5Of(string name)
    {
        using var md5 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.MD5);
        md5.AppendData(File.ReadAllBytes(Path.Combine(Folder, name)));
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    /// <summary>The report NCMEC would have on file for <paramref name="reportId"/> (throws when the fake never opened it).</summary>
    public FakeCyberTipReport ReportAt(string reportId) => Tipline.Report(reportId) ?? throw new InvalidOperationException($"The fake CyberTipline has no report {reportId}.");

    /// <summary>How many calls of <paramref name="path"/> (e.g. "/upload") the fake received.</summary>
    public int Count(string path) => Tipline.Calls.Count(c => c.Path == path);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Images.DisposeAsync();
        await Receiver.DisposeAsync();
        await Tipline.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
