using System.Numerics.Tensors;
using Bot.Embeddings.Onnx;
using Microsoft.Extensions.Options;

namespace Bot.Embeddings;

/// <summary>One window of a paper's text and how many tokens of the paper it carries.</summary>
public sealed record PaperWindow(string Text, int Tokens);

/// <summary>
/// Turns a paper into one vector although the model reads only so many tokens (256 for
/// all-MiniLM-L6-v2, about 180 words, fewer than many abstracts). The paper is embedded as its title
/// then its abstract; with the <c>windows</c> strategy a text longer than the model reads is cut into
/// consecutive windows of the model's length, each overlapping the one before by a few tokens, and
/// the windows' unit vectors are averaged, each weighted by the tokens it covers. <c>first</c> embeds
/// the text once and the model stops where it stops. docs/benchmarks.md compares the two.
/// </summary>
public sealed class PaperVectorizer(IOptions<EmbeddingOptions> options)
{
    public const string FirstSignature = "first";

    private PaperPoolingOptions Pooling => options.Value.Pooling;

    private bool Windowed => !Pooling.Strategy.Equals(FirstSignature, StringComparison.OrdinalIgnoreCase);

    /// <summary>Names the pooling, so vectors from different poolings are never mixed in one index.</summary>
    public string Signature => Windowed ? $"windows-o{Pooling.OverlapTokens}" : FirstSignature;

    /// <summary>
    /// The texts to embed for one paper, in order. Without an <paramref name="encoder"/> to count tokens
    /// (a generator that is not one of ours) the paper is one text.
    /// </summary>
    public IReadOnlyList<PaperWindow> Texts(string title, string abstractText, OnnxSentenceEncoder? encoder)
    {
        var text = ActiveEmbeddingModel.PaperText(title, abstractText);
        if (!Windowed || encoder is null)
        {
            return [new PaperWindow(text, 1)];
        }
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var tokens = words.Select(encoder.CountTokens).ToArray();
        // [CLS], [SEP] and the model's document prompt take their share of every window.
        var budget = Math.Max(1, encoder.MaxTokens - 2 - encoder.CountTokens(encoder.Profile.DocumentPrefix));
        if (tokens.Sum() <= budget)
        {
            return [new PaperWindow(text, Math.Max(1, tokens.Sum()))];
        }
        var windows = new List<PaperWindow>();
        for (var start = 0; ;)
        {
            var end = start;
            var used = 0;
            while (end < words.Length && (used + tokens[end] <= budget || end == start))
            {
                used += tokens[end++];
            }
            windows.Add(new PaperWindow(string.Join(' ', words, start, end - start), Math.Max(1, used)));
            if (end >= words.Length)
            {
                return windows;
            }
            var next = end;
            for (var overlap = 0; next > start + 1 && overlap + tokens[next - 1] <= Pooling.OverlapTokens; next--)
            {
                overlap += tokens[next - 1];
            }
            start = next;
        }
    }

    /// <summary>One unit vector per paper from the vectors of its <see cref="Texts"/>, in order.</summary>
    public static float[] Pool(IReadOnlyList<PaperWindow> windows, IReadOnlyList<ReadOnlyMemory<float>> vectors)
    {
        var pooled = new float[vectors[0].Length];
        var total = windows.Sum(w => (float)w.Tokens);
        for (var i = 0; i < vectors.Count; i++)
        {
            var vector = vectors[i].Span;
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.MultiplyAdd(vector, windows[i].Tokens / total / norm, pooled, pooled);
            }
        }
        var length = TensorPrimitives.Norm(pooled);
        if (length > 0)
        {
            TensorPrimitives.Divide(pooled, length, pooled);
        }
        return pooled;
    }
}
