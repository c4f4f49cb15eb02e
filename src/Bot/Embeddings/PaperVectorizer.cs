using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Bot.Embeddings;

/// <summary>
/// Turns a paper into one vector even though the model reads only its first ~128 tokens. With the
/// <c>windows</c> strategy the abstract is embedded in overlapping word windows and the title on its
/// own; the unit vectors of the windows are averaged, the title's added with its configured weight,
/// and the sum normalised. <c>first</c> embeds "title. abstract" as one text, which the model
/// truncates: the reference behaviour. docs/benchmarks.md has the dev-set comparison that set the defaults.
/// </summary>
public sealed class PaperVectorizer(IOptions<EmbeddingOptions> options)
{
    public const string FirstSignature = "first";

    private PaperPoolingOptions Pooling => options.Value.Pooling;

    /// <summary>Names the pooling, so vectors from different poolings are never mixed in one index.</summary>
    public string Signature => Pooling.Strategy.Equals(FirstSignature, StringComparison.OrdinalIgnoreCase)
        ? FirstSignature
        : string.Create(CultureInfo.InvariantCulture, $"windows-{Pooling.WindowWords}-{Pooling.StrideWords}-t{Pooling.TitleWeight:0.##}");

    private bool WeighsTitle => Pooling.TitleWeight > 0;

    /// <summary>The texts to embed for one paper: the title first (when it has a weight), then the abstract's windows.</summary>
    public IReadOnlyList<string> Texts(string title, string abstractText)
    {
        if (Signature == FirstSignature || abstractText.Length == 0)
        {
            return [ActiveEmbeddingModel.PaperText(title, abstractText)];
        }
        var words = abstractText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var texts = WeighsTitle ? new List<string> { title } : [];
        var size = Pooling.WindowWords;
        var stride = Math.Max(1, Math.Min(Pooling.StrideWords, size));
        for (var start = 0; ; start += stride)
        {
            var count = Math.Min(size, words.Length - start);
            texts.Add(string.Join(' ', words, start, count));
            if (start + size >= words.Length)
            {
                break;
            }
        }
        return texts;
    }

    /// <summary>One unit vector per paper from the embeddings of its <see cref="Texts"/>, in order.</summary>
    public float[] Pool(IReadOnlyList<Embedding<float>> parts)
    {
        var dimensions = parts[0].Vector.Length;
        var pooled = new float[dimensions];
        var windowsStart = WeighsTitle && parts.Count > 1 && Signature != FirstSignature ? 1 : 0;
        if (parts.Count == 1)
        {
            parts[0].Vector.Span.CopyTo(pooled);
        }
        else
        {
            // The windows' mean of unit vectors, plus the title's unit vector with its weight.
            var windows = new float[dimensions];
            for (var i = windowsStart; i < parts.Count; i++)
            {
                AddUnit(parts[i].Vector.Span, windows);
            }
            TensorPrimitives.Divide(windows, parts.Count - windowsStart, windows);
            if (windowsStart == 1)
            {
                AddUnit(parts[0].Vector.Span, pooled);
                TensorPrimitives.Multiply(pooled, (float)Pooling.TitleWeight, pooled);
            }
            TensorPrimitives.Add(pooled, windows, pooled);
        }
        var norm = TensorPrimitives.Norm(pooled);
        if (norm > 0)
        {
            TensorPrimitives.Divide(pooled, norm, pooled);
        }
        return pooled;
    }

    private static void AddUnit(ReadOnlySpan<float> vector, Span<float> sum)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.MultiplyAdd(vector, 1f / norm, sum, sum);
        }
    }
}
