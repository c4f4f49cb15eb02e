using Bot.Search;

namespace Bot.Tests.Search;

public sealed class Int8DotTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(515)]
    public void Dot_AnyLength_EqualsTheIntegerSum(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8Dot.Dot(a, b));
    }

    [Fact]
    public void Dot_ExtremeCodes_DoNotOverflow()
    {
        var a = Enumerable.Repeat((sbyte)-127, 4096).ToArray();

        Assert.Equal(127 * 127 * 4096, Int8Dot.Dot(a, a));
    }

    [Fact]
    public void Quantize_UnitVector_RoundTripsWithinHalfAStep()
    {
        var random = new Random(5);
        var vector = Enumerable.Range(0, 512).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        var unit = vector.Select(v => v / norm).ToArray();
        var codes = new sbyte[512];

        var scale = Int8Dot.Quantize(unit, codes);

        Assert.Equal(127, codes.Max(c => Math.Abs((int)c)));
        for (var i = 0; i < 512; i++)
        {
            Assert.True(Math.Abs(codes[i] * scale - unit[i]) <= scale / 2 + 1e-7f, $"component {i}");
        }
    }

    [Theory]
    [InlineData(127)]
    [InlineData(63)]
    public void Quantize_WithALimit_CodesReachItAndRoundTripWithinHalfAStep(int limit)
    {
        var random = new Random(limit);
        var vector = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var codes = new sbyte[384];

        var scale = Int8Dot.Quantize(vector, codes, limit);

        Assert.Equal(limit, codes.Max(c => Math.Abs((int)c)));
        for (var i = 0; i < vector.Length; i++)
        {
            Assert.True(Math.Abs(codes[i] * scale - vector[i]) <= scale / 2 + 1e-7f, $"component {i}");
        }
    }

    [Fact]
    public void Quantize_ZeroVector_GivesZeroCodesAndScale()
    {
        var codes = new sbyte[8];

        Assert.Equal(0f, Int8Dot.Quantize(new float[8], codes));
        Assert.All(codes, c => Assert.Equal(0, c));
    }
}
