using Bot.Discord.Gateway;

namespace Bot.Tests.Discord.Fakes;

/// <summary>Answers GET /gateway/bot with a fixed URL and identify budget, counting calls.</summary>
internal sealed class FakeGatewayUrlSource(string url, SessionStartLimit? limit = null) : IGatewayUrlSource
{
    private int _calls;

    public SessionStartLimit Limit { get; set; } = limit ?? new SessionStartLimit(1000, 1000, 0, 1);

    public int Calls => Volatile.Read(ref _calls);

    public Task<GatewayInfo> GetGatewayAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new GatewayInfo(url, 1, Limit));
    }
}
