using System.Numerics.Tensors;

namespace Bot.Recommendations;

/// <summary>
/// A user's taste as an L2-regularised logistic regression over paper embeddings: liked and saved
/// papers are positives; disliked and dismissed ones, and papers drawn at random from the pool (most
/// papers are not for any one person), negatives. Classes are weighted to balance, and it is fitted by
/// full-batch gradient descent: the data are a few dozen vectors, so this takes well under a millisecond.
/// </summary>
internal static class LogisticPreference
{
    private const int Iterations = 40;
    private const float LearningRate = 0.5f;

    /// <returns>The weights (last element the bias), or null when there is no positive example.</returns>
    public static float[]? Fit(
        CandidatePool pool, IReadOnlyList<float[]> positives, IReadOnlyList<float[]> negatives,
        Func<long, bool> isPositive, int samplesPerPositive, double regularization, Random random)
    {
        if (!pool.HasVectors || positives.Count == 0)
        {
            return null;
        }
        var examples = new List<(float[] X, float Y)>();
        examples.AddRange(positives.Select(p => (p, 1f)));
        examples.AddRange(negatives.Select(n => (n, 0f)));
        var wanted = Math.Min(pool.Count, samplesPerPositive * positives.Count);
        for (var tries = 0; tries < wanted * 3 && examples.Count < positives.Count + negatives.Count + wanted; tries++)
        {
            var index = random.Next(pool.Count);
            if (!isPositive(pool.Papers[index].RowId))
            {
                examples.Add((pool.Vector(index).ToArray(), 0f));
            }
        }
        var positiveCount = examples.Count(e => e.Y > 0);
        var negativeCount = examples.Count - positiveCount;
        if (negativeCount == 0)
        {
            return null;
        }
        var positiveWeight = 0.5f * examples.Count / positiveCount;
        var negativeWeight = 0.5f * examples.Count / negativeCount;
        var dimensions = pool.Dimensions;
        var weights = new float[dimensions + 1];
        var gradient = new float[dimensions];
        var lambda = (float)(regularization / examples.Count);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(gradient);
            var biasGradient = 0f;
            foreach (var (x, y) in examples)
            {
                var p = Sigmoid(TensorPrimitives.Dot(weights.AsSpan(0, dimensions), x) + weights[dimensions]);
                var error = (p - y) * (y > 0 ? positiveWeight : negativeWeight);
                TensorPrimitives.MultiplyAdd(x, error, gradient, gradient);
                biasGradient += error;
            }
            var scale = LearningRate / examples.Count;
            for (var d = 0; d < dimensions; d++)
            {
                weights[d] -= scale * (gradient[d] + lambda * examples.Count * weights[d]);
            }
            weights[dimensions] -= scale * biasGradient;
        }
        return weights;
    }

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
}
