using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Realtime;

/// <summary><c>/hubs/live</c> with a real SignalR client: signed-in reviewers get their organization's events; others are refused.</summary>
[Trait("Category", "Integration")]
public sealed class LiveHubTests
{
    [Fact]
    public async Task A_signed_in_reviewer_receives_events_of_topics_they_subscribed_to_and_nothing_of_another_organization()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        var acme = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Moderator);
        var other = await OrganizationBuilder.CreateAsync(app, "Other", DefaultRoles.Moderator);
        string otherJob;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var otherQueue = await db.ReviewQueues.FirstAsync(q => q.OrganizationId == other, TestContext.Current.CancellationToken);
            var job = ReviewJob.Open(other, otherQueue.Id, "post", "p1", JobSource.Report, TimeProvider.System.GetUtcNow().UtcDateTime);
            db.ReviewJobs.Add(job);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            otherJob = job.Id;
        }

        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        using (var client = new HttpClient(handler) { BaseAddress = baseAddress })
        {
            await FormSignIn.SignInAsync(client, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), OrganizationBuilder.Password);
        }

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, LiveHub.Path), o => o.Cookies = cookies)
            .Build();
        var received = new TaskCompletionSource<LiveEventMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = new List<LiveEventMessage>();
        connection.On<LiveEventMessage>(nameof(ILiveClient.LiveEvent), m =>
        {
            lock (all)
            {
                all.Add(m);
            }

            received.TrySetResult(m);
        });
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await connection.InvokeAsync("SubscribeQueues", TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("SubscribeJob", otherJob, TestContext.Current.CancellationToken));
        Assert.Contains("no such job", refused.Message, StringComparison.Ordinal);

        var live = app.Services.GetRequiredService<ILiveEvents>();
        await live.PublishAsync(new LiveEvent(other, LiveTopics.Queues(other), LiveEventKinds.JobEnqueued, "x"), TestContext.Current.CancellationToken);
        await live.PublishAsync(new LiveEvent(acme, LiveTopics.Queues(acme), LiveEventKinds.JobEnqueued, "job-9"), TestContext.Current.CancellationToken);

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal((LiveTopics.Queues(acme), LiveEventKinds.JobEnqueued, "job-9"), (message.Topic, message.Kind, message.EntityId));
        lock (all)
        {
            Assert.Single(all);
        }
    }

    [Fact]
    public async Task A_client_that_is_not_signed_in_cannot_connect()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, LiveHub.Path)).Build();

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
