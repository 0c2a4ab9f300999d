using Coop.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace Coop.Tests.Unit.Hosting;

[Trait("Category", "Unit")]
public sealed class ThreadPoolSetupTests
{
    private static IConfiguration Settings(string? minimum) => new ConfigurationBuilder()
        .AddInMemoryCollection(minimum is null ? [] : [KeyValuePair.Create<string, string?>(ThreadPoolSetup.Key, minimum)]).Build();

    [Fact]
    public void Raises_the_pool_minimum_to_the_configured_number_and_never_lowers_it()
    {
        ThreadPool.GetMinThreads(out var before, out var io);
        var wanted = Math.Max(before, ThreadPoolSetup.DefaultMinWorkerThreads) + 3;

        Assert.Equal(wanted, ThreadPoolSetup.Apply(Settings(wanted.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        ThreadPool.GetMinThreads(out var raised, out var ioAfter);
        Assert.Equal(wanted, raised);
        Assert.Equal(io, ioAfter);

        Assert.Equal(wanted, ThreadPoolSetup.Apply(Settings("2")));
        ThreadPool.GetMinThreads(out var kept, out _);
        Assert.Equal(wanted, kept);
    }

    [Fact]
    public void Without_a_setting_the_minimum_is_at_least_the_default()
    {
        Assert.True(ThreadPoolSetup.Apply(Settings(null)) >= ThreadPoolSetup.DefaultMinWorkerThreads);
    }

    [Fact]
    public void A_minimum_below_one_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ThreadPoolSetup.Apply(Settings("0")));
        Assert.Contains(ThreadPoolSetup.Key, error.Message, StringComparison.Ordinal);
    }
}
