using Bot.Resilience;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Resilience;

/// <summary>The one backoff the language model, Discord's REST calls and the gateway's reconnects share.</summary>
public sealed class ExponentialBackoffTests
{
    [Theory]
    [InlineData(0.0, new[] { 0.5, 1, 2, 4, 8 })]
    [InlineData(0.5, new[] { 0.75, 1.5, 3, 6, 12 })]
    public void Delay_Jitter_IsDrawnFromTheInjectedRandom(double draw, double[] expectedSeconds)
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new FixedRandom(draw));

        var delays = Enumerable.Range(0, expectedSeconds.Length).Select(retry => backoff.Delay(retry).TotalSeconds);

        Assert.Equal(expectedSeconds, delays);
    }

    [Fact]
    public void Delay_EachCall_DrawsOnceFromTheInjectedRandomAndNeverFromAnother()
    {
        var random = new CountingRandom(seed: 3);
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), random);

        var delays = Enumerable.Range(0, 5).Select(backoff.Delay).ToList();

        // The same seed replayed; TimeSpan keeps whole ticks, hence the tolerance.
        var replay = new CountingRandom(seed: 3);
        Assert.Equal(5, random.Draws);
        Assert.Equal(Enumerable.Range(0, 5).Select(retry => Math.Pow(2, retry) * (0.5 + (replay.NextDouble() / 2))),
            delays.Select(d => d.TotalSeconds), new ToleranceComparer(1e-6));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void Delay_PastTheCap_StaysJitteredBetweenHalfAndAllOfTheCap(int retry)
    {
        var lowest = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new FixedRandom(0.0));
        var highest = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new FixedRandom(0.999999));

        Assert.Equal(TimeSpan.FromSeconds(30), lowest.Delay(retry));
        Assert.InRange(highest.Delay(retry).TotalSeconds, 59.99, 60);
    }

    [Fact]
    public void Delay_NegativeRetry_WaitsAsForTheFirst()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), new FixedRandom(0.0));

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Delay(-1));
    }

    [Fact]
    public void Backoff_IsComputedOnlyHere_NotCopiedIntoACaller()
    {
        var src = Path.Combine(TestPaths.RepoRoot, "src");
        var doubling = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Math.Pow(2", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(src, f).Replace(Path.DirectorySeparatorChar, '/'));

        Assert.Equal(["Resilience/ExponentialBackoff.cs"], doubling);
    }

    private sealed class CountingRandom(int seed) : Random(seed)
    {
        public int Draws { get; private set; }

        public override double NextDouble()
        {
            Draws++;
            return base.NextDouble();
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
