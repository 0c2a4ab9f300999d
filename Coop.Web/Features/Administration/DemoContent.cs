using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Configuration;
using Coop.Web.Features.Ingestion.Submissions;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// What the demo organization works on: its configuration (item types, policies, actions, from the embedded
/// DemoConfig.json, through the same import as <c>config import</c>) and a dozen reports sent through the same
/// acceptance as <c>POST /api/v1/report</c>, which the router turns into review jobs.
/// </summary>
internal sealed class DemoContent(
    ICommandHandler<ImportConfigurationCommand, ImportConfigurationResult> import, ItemAcceptance acceptance, IDbContextFactory<CoopDbContext> factory,
    RoutingSignal routing, TimeProvider time)
{
    private static readonly (string Id, string Author, string Text, string? Photo, string? Policy, string Reason, string Reporter)[] Reports =
    [
        ("post-1001", "member-7", "Make $$$ fast!! DM me for the secret crypto doubling trick 🚀🚀", null, "demo-scam", "crypto scam", "member-21"),
        ("post-1002", "member-7", "Free gift cards for the first 100 people, just send your login to claim", "https://picsum.photos/seed/coop-1002/480/320", "demo-scam", "asks for passwords", "member-22"),
        ("post-1003", "member-9", "You are pathetic and everyone at school knows it. Log off forever.", null, "demo-harassment", "bullying my kid", "member-23"),
        ("post-1004", "member-11", "Check out my new bakery! Grand opening Saturday 🍰", "https://picsum.photos/seed/coop-1004/480/320", null, "advertising?", "member-24"),
        ("post-1005", "member-9", "<script>alert('xss')</script> if you see this the site is broken lol", null, "demo-spam", "weird code", "member-25"),
        ("post-1006", "member-12", "Here is the photo from the trip, what a view", "https://picsum.photos/seed/coop-1006/480/320", null, "I did not consent to this photo", "member-26"),
        ("post-1007", "member-7", "Last chance!!! crypto doubling ends tonight, link in bio", null, "demo-scam", "same scammer again", "member-27"),
        ("post-1008", "member-13", "Buy 10k followers for $5 at followers-cheap.example", null, "demo-spam", "spam", "member-28"),
        ("post-1009", "member-9", "Nobody wants you here. Watch your back tomorrow.", null, "demo-harassment", "threat", "member-29"),
        ("post-1010", "member-14", "Recipe thread: post your best banana bread", null, null, "off topic", "member-30"),
    ];

    public async Task AddAsync(string organizationId, CancellationToken cancellationToken)
    {
        await using (var stream = typeof(DemoContent).Assembly.GetManifestResourceStream("Coop.Web.DemoConfig.json")
            ?? throw new InvalidOperationException("The demo configuration is missing from the build."))
        using (var reader = new StreamReader(stream))
        {
            await import.HandleAsync(new ImportConfigurationCommand(await reader.ReadToEndAsync(cancellationToken), organizationId, "seed-demo"), cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var i = 0;
        foreach (var report in Reports)
        {
            i++;
            var data = new JsonObject { ["text"] = report.Text, ["author"] = new JsonObject { ["id"] = report.Author, ["typeId"] = "demo-member" } };
            if (report.Photo is not null)
            {
                data["photo"] = report.Photo;
            }

            var requestId = $"seed-demo:{Guid.NewGuid()}";
            var author = new JsonObject { ["displayName"] = $"Member {report.Author.Split('-')[1]}" };
            var (accepted, errors) = await acceptance.AcceptAsync(organizationId,
                [
                    new ItemInput(report.Id, "demo-post", null, "original", data, "/reportedItem", "/reportedItem/typeId"),
                    new ItemInput(report.Author, "demo-member", null, "original", author, "/author", "/author/typeId"),
                ],
                "seed-demo", requestId, cancellationToken);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo report {report.Id} does not fit the demo item types: {errors[0].Detail}");
            }

            var entity = Report.Receive(Guid.NewGuid().ToString(), organizationId, new ItemIdentifier(report.Reporter, "demo-member"),
                now.AddMinutes(-90 + (i * 7)), new ItemIdentifier(report.Id, "demo-post"), report.Policy, report.Reason, isCsam: false,
                "[]", requestId, now, [ContextItem.Of(ContextItemRole.Subject, 0, accepted[0]), ContextItem.Of(ContextItemRole.Additional, 0, accepted[1])],
                new ItemIdentifier(report.Author, "demo-member"));
            // Written directly (not through the API's group-commit writer, which only runs inside the server).
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
        }

        routing.Notify();
    }
}
