using Coop.Domain.Strikes;

namespace Coop.Tests.Unit.Strikes;

[Trait("Category", "Unit")]
public sealed class StrikeRulesTests
{
    [Fact]
    public void An_event_weighs_its_heaviest_policy_once_and_only_when_a_strike_enabled_action_ran()
    {
        (string, int)[] policies = [("spam", 1), ("hate", 3), ("scam", 3)];

        Assert.Equal(("hate", 3), StrikeRules.EventWeight(true, policies));
        Assert.Null(StrikeRules.EventWeight(false, policies));
        Assert.Null(StrikeRules.EventWeight(true, []));
        Assert.Null(StrikeRules.EventWeight(true, [("none", 0)]));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    [InlineData(6, 2)]
    [InlineData(7, 1)]
    [InlineData(40, 1)]
    public void The_legacy_user_score_falls_from_5_to_1_as_active_strikes_grow(int strikes, int score) =>
        Assert.Equal(score, StrikeRules.UserScore(strikes));

    [Fact]
    public void A_strike_counts_until_it_expires_or_is_removed()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var strike = UserStrike.Add("org", "user", "u1", "spam", 2, "c1", now, TimeSpan.FromDays(90));

        Assert.True(strike.IsActiveAt(now.AddDays(89)));
        Assert.False(strike.IsActiveAt(now.AddDays(90)));
        strike.Remove(now.AddDays(1));
        Assert.False(strike.IsActiveAt(now.AddDays(2)));
    }
}
