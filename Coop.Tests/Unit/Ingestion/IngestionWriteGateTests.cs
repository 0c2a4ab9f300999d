using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion.Submissions;
using Microsoft.Extensions.Options;

namespace Coop.Tests.Unit.Ingestion;

[Trait("Category", "Unit")]
public sealed class IngestionWriteGateTests
{
    private static IngestionWriteGate Gate(DatabaseProvider provider, bool serialize = true) => new(
        Options.Create(new DatabaseOptions { Provider = provider, ConnectionString = "x" }),
        Options.Create(new IngestionOptions { SerializeSqliteWrites = serialize }));

    [Fact]
    public async Task On_sqlite_the_second_writer_waits_until_the_first_hands_its_turn_on()
    {
        using var gate = Gate(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        var first = await gate.EnterAsync(ct);
        var second = gate.EnterAsync(ct).AsTask();
        await Task.Delay(50, ct);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5), ct)).Dispose();
        (await gate.EnterAsync(ct)).Dispose();
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres, true)]
    [InlineData(DatabaseProvider.SqlServer, true)]
    [InlineData(DatabaseProvider.Sqlite, false)]
    public async Task On_server_databases_or_when_switched_off_the_gate_is_open(DatabaseProvider provider, bool serialize)
    {
        using var gate = Gate(provider, serialize);
        var ct = TestContext.Current.CancellationToken;
        using var first = await gate.EnterAsync(ct);
        var second = gate.EnterAsync(ct).AsTask();
        Assert.True(second.IsCompleted);
        (await second).Dispose();
    }
}
