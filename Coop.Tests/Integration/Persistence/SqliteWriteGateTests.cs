using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Persistence;

/// <summary>
/// The SQLite writers of one process take turns at <see cref="SqliteWriteGate"/> in arrival order, and every kind of EF
/// write hands its turn on when it ends (a turn kept by mistake would stall every later writer for the gate's 10 s).
/// </summary>
[Trait("Category", "Integration")]
public sealed class SqliteWriteGateTests
{
    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", true)]
    [InlineData("  update t SET a = 1", true)]
    [InlineData("DELETE FROM t", true)]
    [InlineData("REPLACE INTO t VALUES (1)", true)]
    [InlineData("SELECT * FROM t", false)]
    [InlineData("PRAGMA journal_mode", false)]
    [InlineData("UPDATED_AT", false)]
    [InlineData("", false)]
    public void Recognises_write_statements(string sql, bool write) => Assert.Equal(write, SqliteWriteGateInterceptor.IsWrite(sql));

    [Fact]
    public async Task Every_kind_of_write_hands_its_turn_on()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var gate = SqliteWriteGate.For(database.ConnectionString)!;
        await using var db = NewContext(database);
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Scratch (Id INTEGER PRIMARY KEY, Value TEXT NOT NULL)", ct);

        await db.Database.ExecuteSqlRawAsync("INSERT INTO Scratch (Value) VALUES ('statement')", ct);
        Assert.False(gate.IsHeld);

        var returned = await db.Database.SqlQueryRaw<long>("INSERT INTO Scratch (Value) VALUES ('returning') RETURNING Id AS Value").ToListAsync(ct);
        Assert.Single(returned);
        Assert.False(gate.IsHeld);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            Assert.True(gate.IsHeld);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Scratch (Value) VALUES ('committed')", ct);
            Assert.True(gate.IsHeld);
            await transaction.CommitAsync(ct);
        }

        Assert.False(gate.IsHeld);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Scratch (Value) VALUES ('rolled back')", ct);
            await transaction.RollbackAsync(ct);
        }

        Assert.False(gate.IsHeld);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Scratch (Value) VALUES ('abandoned')", ct);
        }

        await db.Database.CloseConnectionAsync();
        Assert.False(gate.IsHeld);

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO Missing (Value) VALUES ('fails')", ct));
        Assert.False(gate.IsHeld);

        var values = await db.Database.SqlQueryRaw<string>("SELECT Value FROM Scratch ORDER BY Id").ToListAsync(ct);
        Assert.Equal(["statement", "returning", "committed"], values);
        Assert.Equal(0, gate.TimedOut);
    }

    [Fact]
    public async Task Writers_waiting_for_a_transaction_write_in_the_order_they_arrived()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var holder = NewContext(database);
        await holder.Database.ExecuteSqlRawAsync("CREATE TABLE Scratch (Id INTEGER PRIMARY KEY, Value TEXT NOT NULL)", ct);

        var transaction = await holder.Database.BeginTransactionAsync(ct);
        await holder.Database.ExecuteSqlRawAsync("INSERT INTO Scratch (Value) VALUES ('holder')", ct);

        var writers = new List<Task>();
        for (var i = 1; i <= 5; i++)
        {
            var value = $"writer {i}";
            writers.Add(Task.Run(async () =>
            {
                await using var db = NewContext(database);
                await db.Database.ExecuteSqlRawAsync("INSERT INTO Scratch (Value) VALUES ({0})", [value], ct);
            }, ct));
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
        }

        Assert.DoesNotContain(writers, w => w.IsCompleted);
        await transaction.CommitAsync(ct);
        await transaction.DisposeAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30), ct);

        var values = await holder.Database.SqlQueryRaw<string>("SELECT Value FROM Scratch ORDER BY Id").ToListAsync(ct);
        Assert.Equal(["holder", "writer 1", "writer 2", "writer 3", "writer 4", "writer 5"], values);
    }

    private static SqliteCoopDbContext NewContext(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<SqliteCoopDbContext>();
        DatabaseSetup.UseSqlite(options, database.ConnectionString);
        return new SqliteCoopDbContext(options.Options);
    }
}
