using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Administration;
using Coop.Web.Features.Ingestion;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Harness;

/// <summary>A reviewer the scenarios act as: user id and the principal a signed-in circuit or request would carry.</summary>
public sealed record Reviewer(string UserId, string Email, ClaimsPrincipal Principal);

/// <summary>Shared seeding for the queue scenarios (S1, S2, S6, S7): organizations, item types, API keys, reviewers, queues, jobs.</summary>
public static class ScenarioSetup
{
    /// <summary>The password of every reviewer <see cref="ReviewersAsync"/> creates.</summary>
    public const string Password = "Benchmark-password-1";

    /// <summary>An organization with a <c>{prefix}post</c> content type and a <c>{prefix}user</c> type (item type ids are global), and an API key.</summary>
    public static Task<(string OrganizationId, string ApiKey)> OrganizationAsync(
        IServiceProvider services, string name, string prefix, CancellationToken cancellationToken) =>
        OrganizationAsync(services, name, prefix, images: false, cancellationToken);

    /// <summary>
    /// As above; with <paramref name="images"/> the post type also has an <c>images</c> field (an array of image URLs), as R1 needs.
    /// </summary>
    public static async Task<(string OrganizationId, string ApiKey)> OrganizationAsync(
        IServiceProvider services, string name, string prefix, bool images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var scope = services.CreateAsyncScope();
        var provisioner = scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>();
        var organization = await provisioner.CreateOrganizationAsync(name, $"contact@{name.ToLowerInvariant()}.example", false, "benchmark", cancellationToken);
        services.GetRequiredService<FirstRunState>().MarkSetUp();
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var (id, typeName, schema) in new[]
            {
                (prefix + "post", "Post", """
                    { "kind": "CONTENT", "fields": [
                        { "name": "text", "type": "STRING", "required": true },
                        { "name": "score", "type": "NUMBER", "required": false },
                        { "name": "author", "type": "RELATED_ITEM", "required": false }
                    """ + (images ? """
                        , { "name": "images", "type": "ARRAY", "required": false, "container": { "valueScalarType": "IMAGE" } }
                    """ : string.Empty) + """
                      ],
                      "schemaFieldRoles": { "creatorId": "author" } }
                    """),
                (prefix + "user", "Member", """{ "kind": "USER", "fields": [ { "name": "name", "type": "STRING", "required": false } ] }"""),
            })
            {
                var (itemType, revision) = ItemType.Create(organization.Id, typeName, null, ItemTypeSchema.FromJson(schema), now, "benchmark", id);
                db.ItemTypes.Add(itemType);
                db.ItemTypeRevisions.Add(revision);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        services.GetRequiredService<ItemTypeCatalog>().Invalidate(organization.Id);
        var key = await services.GetRequiredService<ApiKeyIssuer>().IssueAsync(organization.Id, "benchmark", null, "benchmark", null, cancellationToken);
        return (organization.Id, key.PlainKey);
    }

    /// <summary>Creates <paramref name="count"/> moderators (role MODERATOR: may work every unrestricted queue).</summary>
    public static async Task<IReadOnlyList<Reviewer>> ReviewersAsync(
        IServiceProvider services, string organizationId, string domain, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var reviewers = new List<Reviewer>();
        for (var i = 1; i <= count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var email = F($"reviewer{i:00}@{domain}");
            var user = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>()
                .CreateUserAsync(organizationId, email, Password, null, null, DefaultRoles.Moderator, "benchmark", null, cancellationToken);
            var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>().CreateAsync(user);
            reviewers.Add(new Reviewer(user.Id, email, principal));
        }

        return reviewers;
    }

    /// <summary>Adds an unrestricted age-ordered queue.</summary>
    public static async Task<string> QueueAsync(IServiceProvider services, string organizationId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queue = ReviewQueue.Create(organizationId, name, null, QueueKind.Standard, QueueOrdering.Age, false, TimeProvider.System.GetUtcNow().UtcDateTime);
        db.ReviewQueues.Add(queue);
        await db.SaveChangesAsync(cancellationToken);
        return queue.Id;
    }

    /// <summary>
    /// Seeds <paramref name="count"/> open jobs in a queue (one item each, created over the last hour in order), optionally claimed
    /// round-robin by <paramref name="claimers"/> for an hour; returns them.
    /// </summary>
    public static async Task<List<ReviewJob>> OpenJobsAsync(
        IServiceProvider services, string organizationId, string queueId, string itemTypeId, string itemPrefix, int count,
        IReadOnlyList<Reviewer>? claimers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var jobs = new List<ReviewJob>(count);
        await using var insert = await BulkInserter.OpenAsync(factory, cancellationToken);
        for (var first = 0; first < count; first += 20_000)
        {
            var chunk = new List<ReviewJob>();
            for (var i = first; i < Math.Min(count, first + 20_000); i++)
            {
                var job = ReviewJob.Open(organizationId, queueId, itemTypeId, itemPrefix + i.ToString(CultureInfo.InvariantCulture), JobSource.Report,
                    now.AddHours(-1).AddTicks(TimeSpan.TicksPerHour * i / Math.Max(1, count)));
                if (claimers is { Count: > 0 })
                {
                    job.Claim(claimers[i % claimers.Count].UserId, now, TimeSpan.FromHours(2));
                }

                chunk.Add(job);
            }

            await insert.BeginAsync(cancellationToken);
            await insert.InsertAsync(chunk, cancellationToken);
            await insert.CommitAsync(cancellationToken);
            jobs.AddRange(chunk);
        }

        await RefreshStatisticsAsync(factory, cancellationToken);
        return jobs;
    }

    /// <summary>
    /// On PostgreSQL, refreshes the planner's statistics after a bulk seed, as autovacuum would soon after. Without it the
    /// first leg ran on plans made for near-empty tables while autovacuum analyzed them: S2's first pair on PostgreSQL did
    /// 45 raw claims/s against 2,000+ in the next ones, whatever the product's code.
    /// </summary>
    public static async Task RefreshStatisticsAsync(IDbContextFactory<CoopDbContext> factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="action"/> as the reviewer in a fresh scope, as one request or circuit event would.</summary>
    public static async Task<T> AsAsync<T>(IServiceProvider services, Reviewer reviewer, Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext =
            new DefaultHttpContext { User = reviewer.Principal, RequestServices = scope.ServiceProvider };
        return await action(scope.ServiceProvider);
    }

    /// <summary>An open ADO.NET connection of the product's provider to the product's database (for the raw references).</summary>
    public static async Task<(CoopDbContext Context, DbConnection Connection)> RawConnectionAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = await services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (db, db.Database.GetDbConnection());
    }

    /// <summary>Adds a parameter to a command.</summary>
    public static void Parameter(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static string F(FormattableString s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.ToString(CultureInfo.InvariantCulture);
    }
}
