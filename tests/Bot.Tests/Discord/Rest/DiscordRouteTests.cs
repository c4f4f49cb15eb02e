using Bot.Discord.Rest;

namespace Bot.Tests.Discord.Rest;

public sealed class DiscordRouteTests
{
    [Fact]
    public void Create_MinorIds_ShareOneBucketKeyPerChannel()
    {
        var a = DiscordRoute.Create(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", "1", "10");
        var b = DiscordRoute.Create(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", "1", "11");
        var other = DiscordRoute.Create(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", "2", "10");

        Assert.Equal(a.BucketKey, b.BucketKey);
        Assert.NotEqual(a.BucketKey, other.BucketKey);
        Assert.Equal("/channels/1/messages/10", a.Path);
        Assert.Equal("PATCH /channels/{channel_id}/messages/{message_id}", a.ToString());
    }

    [Fact]
    public void Create_WebhookToken_KeyedByFingerprintNotToken()
    {
        var route = DiscordRoute.Create(HttpMethod.Post, "/webhooks/{webhook_id}/{webhook_token}", "77", "secret-token");
        var sibling = DiscordRoute.Create(HttpMethod.Post, "/webhooks/{webhook_id}/{webhook_token}", "77", "other-token");

        Assert.DoesNotContain("secret-token", route.BucketKey);
        Assert.NotEqual(route.BucketKey, sibling.BucketKey);
        Assert.True(route.ExemptFromGlobalLimit);
        Assert.False(route.UsesBotToken);
    }

    [Fact]
    public void Create_WrongValueCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => DiscordRoute.Create(HttpMethod.Get, "/channels/{channel_id}"));
        Assert.Throws<ArgumentException>(() => DiscordRoute.Create(HttpMethod.Get, "/gateway/bot", "extra"));
    }
}
