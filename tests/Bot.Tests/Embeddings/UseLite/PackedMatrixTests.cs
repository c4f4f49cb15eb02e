using Bot.Embeddings.UseLite;

namespace Bot.Tests.Embeddings.UseLite;

public sealed class PackedMatrixTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 16, 16)]
    [InlineData(7, 33, 50)]
    [InlineData(128, 256, 768)]
    public void Multiply_AnyShape_EqualsTheTextbookProduct(int rows, int k, int n)
    {
        var random = new Random(rows * 1000 + k * 10 + n);
        var weights = Random(random, k * n);
        var x = Random(random, rows * k);
        var bias = Random(random, n);
        var y = new float[rows * n];

        new PackedMatrix(weights, k, n).Multiply(x, rows, bias, y);

        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < n; j++)
            {
                double expected = bias[j];
                for (var i = 0; i < k; i++)
                {
                    expected += (double)x[r * k + i] * weights[i * n + j];
                }
                Assert.Equal(expected, y[r * n + j], 1e-3);
            }
        }
    }

    [Fact]
    public void Constructor_WrongNumberOfValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PackedMatrix(new float[5], 2, 3));
    }

    private static float[] Random(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
