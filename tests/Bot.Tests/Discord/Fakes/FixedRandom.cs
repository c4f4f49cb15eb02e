namespace Bot.Tests.Discord.Fakes;

/// <summary>A Random whose NextDouble is whatever the test says, so jitter is exact.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public double Value { get; set; } = value;

    public override double NextDouble() => Value;

    protected override double Sample() => Value;
}
