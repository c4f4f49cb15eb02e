using System.Numerics.Tensors;

namespace Bot.Embeddings.UseLite;

/// <summary>
/// Universal Sentence Encoder Lite, forward pass in one file (spec: ../shared/models/use-lite.md §4):
/// token embeddings (added twice, a quirk of the graph) plus a sinusoid timing signal, two transformer
/// layers with pre-LayerNorm attention and ReLU feed-forward, mean pooling, a tanh layer, L2 norm.
/// Weights are read-only and shared; each caller brings its own <see cref="RunState"/>.
/// </summary>
public sealed class UseLiteModel
{
    // ---------------------------------------------------------------- config

    /// <summary>Sizes of the network, read from the weight shapes.</summary>
    public sealed record Config(int Vocabulary, int EmbeddingWidth, int Width, int Hidden, int Heads, int MaxTokens)
    {
        public int TimingChannels => EmbeddingWidth / 2;
    }

    private const float LayerNormEpsilon = 1e-6f;
    private const float NormFloor = 1e-12f;

    // ---------------------------------------------------------------- weights

    private sealed record Layer(
        float[] AttentionNormScale, float[] AttentionNormBias, // [in]
        PackedMatrix Qkv, float[] QkvBias,                     // [in, 3·in], [3·in]
        PackedMatrix Output, float[] OutputBias,               // [in, width], [width]
        float[] FfnNormScale, float[] FfnNormBias,             // [width]
        PackedMatrix Ffn1, float[] Ffn1Bias,                   // [width, hidden], [hidden]
        PackedMatrix Ffn2, float[] Ffn2Bias);                  // [hidden, width], [width]

    private readonly float[] _embeddings;      // [vocabulary, embeddingWidth]
    private readonly float[] _invTimescales;   // [timingChannels]
    private readonly PackedMatrix _residual;   // [embeddingWidth, width]: layer 0's projection of its input
    private readonly float[] _residualBias;    // [width]
    private readonly Layer _layer0;            // attention 256 → 512
    private readonly Layer _layer1;            // attention 512 → 512
    private readonly PackedMatrix _tanh;       // [width, width]
    private readonly float[] _tanhBias;        // [width]

    public UseLiteModel(UseLiteWeights weights, int maxTokens = 128, int heads = 4)
    {
        var vocabulary = weights.Shape("module/Embeddings_en")[0];
        var embeddingWidth = weights.Shape("module/Embeddings_en")[1];
        var width = weights.Shape("Layer_0/TransformerLayer/dense/kernel")[^1];
        var hidden = weights.Shape("Layer_0/TransformerLayer/FFN/conv1/Tensordot")[^1];
        Settings = new Config(vocabulary, embeddingWidth, width, hidden, heads, maxTokens);

        _embeddings = weights.Tensor("module/Embeddings_en", vocabulary, embeddingWidth);
        _invTimescales = weights.Tensor("Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", Settings.TimingChannels);
        _residual = new PackedMatrix(weights.Tensor("Layer_0/TransformerLayer/dense/kernel", embeddingWidth, width), embeddingWidth, width);
        _residualBias = weights.Tensor("Layer_0/TransformerLayer/dense/bias", width);
        _layer0 = LoadLayer(weights, 0, embeddingWidth, width, hidden);
        _layer1 = LoadLayer(weights, 1, width, width, hidden);
        _tanh = new PackedMatrix(weights.Tensor("hidden_layers/tanh_layer_0/weights", width, width), width, width);
        _tanhBias = weights.Tensor("hidden_layers/tanh_layer_0/bias", width);
    }

    public Config Settings { get; }

    private static Layer LoadLayer(UseLiteWeights w, int index, int input, int width, int hidden)
    {
        var prefix = $"Layer_{index}/TransformerLayer/";
        return new Layer(
            w.Tensor(prefix + "layer_prepostprocess/layer_norm/layer_norm_scale", input),
            w.Tensor(prefix + "layer_prepostprocess/layer_norm/layer_norm_bias", input),
            new PackedMatrix(w.Tensor(prefix + "MultiheadAttention/qkv_transform_single/kernel", input, 3 * input), input, 3 * input),
            w.Tensor(prefix + "MultiheadAttention/qkv_transform_single/bias", 3 * input),
            new PackedMatrix(w.Tensor(prefix + "MultiheadAttention/output_transform_single/kernel", input, width), input, width),
            w.Tensor(prefix + "MultiheadAttention/output_transform_single/bias", width),
            w.Tensor(prefix + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale", width),
            w.Tensor(prefix + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias", width),
            new PackedMatrix(w.Tensor(prefix + "FFN/conv1/Tensordot/Reshape_1", width, hidden), width, hidden),
            w.Tensor(prefix + "FFN/conv1/bias", hidden),
            new PackedMatrix(w.Tensor(prefix + "FFN/conv2/Tensordot/Reshape_1", hidden, width), hidden, width),
            w.Tensor(prefix + "FFN/conv2/bias", width));
    }

    // ---------------------------------------------------------------- run state

    /// <summary>Buffers for one forward pass at a time, allocated once for the longest input.</summary>
    public sealed class RunState(Config c)
    {
        public float[] X0 { get; } = new float[c.MaxTokens * c.EmbeddingWidth];  // [T, embeddingWidth] embeddings + timing
        public float[] Normed { get; } = new float[c.MaxTokens * c.Width];       // [T, in] LayerNorm output
        public float[] Qkv { get; } = new float[c.MaxTokens * 3 * c.Width];      // [T, 3·in] q | k | v
        public float[] Scores { get; } = new float[c.MaxTokens];                 // [T] one query's attention row
        public float[] Heads { get; } = new float[c.MaxTokens * c.Width];        // [T, in] concatenated head outputs
        public float[] Y { get; } = new float[c.MaxTokens * c.Width];            // [T, width] residual stream
        public float[] Delta { get; } = new float[c.MaxTokens * c.Width];        // [T, width] a block's output
        public float[] Hidden { get; } = new float[c.MaxTokens * c.Hidden];      // [T, hidden] FFN activations
        public float[] Pooled { get; } = new float[c.Width];                     // [width] mean over positions
        public float[] Output { get; } = new float[c.Width];                     // [width] tanh layer, then L2-normalised
    }

    public RunState CreateRunState() => new(Settings);

    // ---------------------------------------------------------------- forward

    /// <summary>The unit-length sentence embedding of <paramref name="tokens"/> (only the first MaxTokens count).</summary>
    public void Forward(ReadOnlySpan<int> tokens, RunState s, Span<float> embedding)
    {
        var c = Settings;
        var t = Math.Min(tokens.Length, c.MaxTokens);
        int e = c.EmbeddingWidth, w = c.Width;

        // x0[p] = 2·E[token] + [sin(p·inv), cos(p·inv)]
        for (var p = 0; p < t; p++)
        {
            var id = tokens[p];
            if ((uint)id >= (uint)c.Vocabulary)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), $"Token id {id} is outside the vocabulary of {c.Vocabulary}.");
            }
            var x = s.X0.AsSpan(p * e, e);
            TensorPrimitives.Multiply(_embeddings.AsSpan(id * e, e), 2f, x);
            for (var k = 0; k < c.TimingChannels; k++)
            {
                var angle = p * _invTimescales[k];
                x[k] += MathF.Sin(angle);
                x[c.TimingChannels + k] += MathF.Cos(angle);
            }
        }

        // Layer 0: attention over LN(x0) widens 256 → 512; the residual is a projection of x0 itself.
        Attention(_layer0, s.X0, t, e, s);
        _residual.Multiply(s.X0, t, _residualBias, s.Y);
        TensorPrimitives.Add(s.Y.AsSpan(0, t * w), s.Delta.AsSpan(0, t * w), s.Y.AsSpan(0, t * w));
        FeedForward(_layer0, t, s);

        // Layer 1: the same blocks at width 512 with identity residuals.
        Attention(_layer1, s.Y, t, w, s);
        TensorPrimitives.Add(s.Y.AsSpan(0, t * w), s.Delta.AsSpan(0, t * w), s.Y.AsSpan(0, t * w));
        FeedForward(_layer1, t, s);

        // Mean over the valid positions (an empty input pools to zeros), tanh layer, L2 norm.
        s.Pooled.AsSpan().Clear();
        for (var p = 0; p < t; p++)
        {
            TensorPrimitives.Add(s.Pooled, s.Y.AsSpan(p * w, w), s.Pooled);
        }
        TensorPrimitives.Divide(s.Pooled, Math.Max(t, 1), s.Pooled);
        _tanh.Multiply(s.Pooled, 1, _tanhBias, s.Output);
        TensorPrimitives.Tanh(s.Output, s.Output);
        var norm = MathF.Sqrt(Math.Max(TensorPrimitives.SumOfSquares(s.Output), NormFloor));
        TensorPrimitives.Divide(s.Output, norm, embedding);
    }

    /// <summary>Delta[T, width] = MultiHead(LN(input[T, in]))·Wo + bo.</summary>
    private void Attention(Layer layer, float[] input, int t, int width, RunState s)
    {
        var heads = Settings.Heads;
        var headSize = width / heads;
        var scale = 1f / MathF.Sqrt(headSize);
        for (var p = 0; p < t; p++)
        {
            LayerNorm(input.AsSpan(p * width, width), layer.AttentionNormScale, layer.AttentionNormBias, s.Normed.AsSpan(p * width, width));
        }
        layer.Qkv.Multiply(s.Normed, t, layer.QkvBias, s.Qkv);

        var stride = 3 * width;
        s.Heads.AsSpan(0, t * width).Clear();
        for (var h = 0; h < heads; h++)
        {
            for (var query = 0; query < t; query++)
            {
                var q = s.Qkv.AsSpan(query * stride + h * headSize, headSize);
                var scores = s.Scores.AsSpan(0, t);
                for (var key = 0; key < t; key++)
                {
                    scores[key] = TensorPrimitives.Dot(q, s.Qkv.AsSpan(key * stride + width + h * headSize, headSize)) * scale;
                }
                TensorPrimitives.SoftMax(scores, scores);
                var o = s.Heads.AsSpan(query * width + h * headSize, headSize);
                for (var key = 0; key < t; key++)
                {
                    TensorPrimitives.MultiplyAdd(s.Qkv.AsSpan(key * stride + 2 * width + h * headSize, headSize), scores[key], o, o);
                }
            }
        }
        layer.Output.Multiply(s.Heads, t, layer.OutputBias, s.Delta);
    }

    /// <summary>Y[T, width] += relu(LN(Y)·W1 + b1)·W2 + b2.</summary>
    private static void FeedForward(Layer layer, int t, RunState s)
    {
        var width = layer.FfnNormScale.Length;
        var hidden = layer.Ffn1Bias.Length;
        for (var p = 0; p < t; p++)
        {
            LayerNorm(s.Y.AsSpan(p * width, width), layer.FfnNormScale, layer.FfnNormBias, s.Normed.AsSpan(p * width, width));
        }
        layer.Ffn1.Multiply(s.Normed, t, layer.Ffn1Bias, s.Hidden);
        TensorPrimitives.Max(s.Hidden.AsSpan(0, t * hidden), 0f, s.Hidden.AsSpan(0, t * hidden));
        layer.Ffn2.Multiply(s.Hidden, t, layer.Ffn2Bias, s.Delta);
        TensorPrimitives.Add(s.Y.AsSpan(0, t * width), s.Delta.AsSpan(0, t * width), s.Y.AsSpan(0, t * width));
    }

    /// <summary>(x − mean)·γ·rsqrt(var + ε) + β with the biased variance, as the graph computes it.</summary>
    private static void LayerNorm(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> bias, Span<float> output)
    {
        var mean = TensorPrimitives.Sum(x) / x.Length;
        TensorPrimitives.Subtract(x, mean, output);
        var variance = TensorPrimitives.SumOfSquares(output) / x.Length;
        var inverse = 1f / MathF.Sqrt(variance + LayerNormEpsilon);
        TensorPrimitives.Multiply(output, inverse, output);
        TensorPrimitives.MultiplyAdd(output, scale, bias, output);
    }
}
