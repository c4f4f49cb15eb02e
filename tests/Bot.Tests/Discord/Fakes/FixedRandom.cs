namespace Bot.Tests.Discord.Fakes;

/// <summary>Jitter that is always the same, so backoff delays are exact in tests.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
