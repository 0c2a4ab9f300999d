using Coop.Web.Features.Review.Presence;
using Coop.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coop.Tests.Unit.Review;

[Trait("Category", "Unit")]
public sealed class JobPresenceTests
{
    [Fact]
    public async Task Viewers_are_counted_once_per_person_until_their_last_page_closes_and_every_change_is_announced()
    {
        var live = new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance);
        var presence = new InMemoryJobPresence(live);
        var changes = 0;
        using var subscription = live.Subscribe(LiveTopics.Job("job-1"), e =>
        {
            Assert.Equal(LiveEventKinds.PresenceChanged, e.Kind);
            Interlocked.Increment(ref changes);
            return Task.CompletedTask;
        });
        var ana = new JobViewer("u-ana", "ana@acme.test");
        var ben = new JobViewer("u-ben", "ben@acme.test");

        var anaTab1 = await presence.JoinAsync("org", "job-1", ana, TestContext.Current.CancellationToken);
        var anaTab2 = await presence.JoinAsync("org", "job-1", ana, TestContext.Current.CancellationToken);
        var benTab = await presence.JoinAsync("org", "job-1", ben, TestContext.Current.CancellationToken);

        Assert.Equal(["ana@acme.test", "ben@acme.test"], presence.ViewersOf("job-1").Select(v => v.Name));
        await anaTab1.DisposeAsync();
        Assert.Equal(2, presence.ViewersOf("job-1").Count);
        await anaTab2.DisposeAsync();
        await anaTab2.DisposeAsync();
        Assert.Equal([ben], presence.ViewersOf("job-1"));
        await benTab.DisposeAsync();
        Assert.Empty(presence.ViewersOf("job-1"));
        Assert.Empty(presence.ViewersOf("job-2"));
        Assert.Equal(6, changes);
    }
}
