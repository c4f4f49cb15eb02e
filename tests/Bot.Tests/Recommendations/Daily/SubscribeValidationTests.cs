using Bot.Commands;
using Bot.Recommendations.Daily;
using Bot.Tests.Support;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>/subscribe and /digest-channel refuse bad values with the reason, store nothing, and echo nothing that could garble the reply.</summary>
public sealed class SubscribeValidationTests
{
    private const string GuildId = "1210000000000000005";
    private const string ChannelId = "1230000000000000002";

    [Theory]
    [InlineData(null, null, null, 0L, "count must be between 1 and 10.")]
    [InlineData(null, null, null, 11L, "count must be between 1 and 10.")]
    [InlineData(null, null, null, long.MaxValue, "count must be between 1 and 10.")]
    [InlineData(null, "٠٨:٠٠", null, null, "time must be HH:mm")]
    [InlineData(null, "０８:００", null, null, "time must be HH:mm")]
    [InlineData(null, "08:00\u200B", null, null, "time must be HH:mm")]
    [InlineData(null, "24:00", null, null, "time must be HH:mm")]
    [InlineData(null, "", null, null, "time must be HH:mm")]
    [InlineData(null, null, "../../../../etc/passwd", null, "Unknown time zone")]
    [InlineData(null, null, "/etc/localtime", null, "Unknown time zone")]
    [InlineData(null, null, "", null, "Unknown time zone")]
    [InlineData(null, null, "US", null, "Unknown time zone")]
    [InlineData(null, null, "Europe", null, "Unknown time zone")]
    [InlineData(null, null, "Europe/\u0000Berlin", null, "Unknown time zone")]
    [InlineData("pigeon", null, null, null, "Delivery must be dm or channel")]
    public void Subscribe_BadValue_SaysWhyAndStoresNothing(string? delivery, string? time, string? zone, long? count, string error)
    {
        using var store = TestStore.Create();

        var reply = store.Get<DailyCommands>().Subscribe("101", GuildId, ChannelId, new DailyCommands.SubscribeRequest(delivery, time, zone, count, null));

        Assert.True(reply.IsError);
        Assert.Contains(error, reply.Headline, StringComparison.Ordinal);
        Assert.Null(store.Get<SubscriptionStore>().Find("101"));
    }

    [Theory]
    [InlineData("Europe/Berlin\u202E")]
    [InlineData("Europe\u0007/Berlin\u200F")]
    public void Subscribe_ZoneWithControlCharacters_EchoesThemReplaced(string zone)
    {
        using var store = TestStore.Create();

        var reply = store.Get<DailyCommands>().Subscribe("101", null, null, new DailyCommands.SubscribeRequest(null, null, zone, null, null));

        Assert.True(reply.IsError);
        Assert.DoesNotContain(reply.Headline, c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
        Assert.Contains("Europe", reply.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscribe_Refused_KeepsTheEarlierSubscriptionAsItWas()
    {
        using var store = TestStore.Create();
        var daily = store.Get<DailyCommands>();
        Assert.False(daily.Subscribe("101", null, null, new DailyCommands.SubscribeRequest(null, "07:15", "Asia/Tokyo", 3, true)).IsError);
        var before = store.Get<SubscriptionStore>().Find("101");

        Assert.True(daily.Subscribe("101", null, null, new DailyCommands.SubscribeRequest(null, "7:15pm", "Asia/Tokyo", 3, null)).IsError);
        Assert.True(daily.Subscribe("101", null, null, new DailyCommands.SubscribeRequest(null, null, "Asia/Tokio", null, null)).IsError);

        Assert.Equal(before, store.Get<SubscriptionStore>().Find("101"));
    }

    [Fact]
    public void SetCommunityDigest_BadTimeOrZone_StoresNothing()
    {
        using var store = TestStore.Create();
        var daily = store.Get<DailyCommands>();

        Assert.True(daily.SetCommunityDigest(GuildId, ChannelId, "101", "8", null).IsError);
        Assert.True(daily.SetCommunityDigest(GuildId, ChannelId, "101", null, "Mars/Olympus_Mons").IsError);

        Assert.Null(store.Get<SubscriptionStore>().FindCommunityDigest(GuildId));
    }
}
