using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// Sentence embeddings from any BERT-style sentence-transformers ONNX export: WordPiece tokens in,
/// the token states out, mean-pooled under the attention mask and L2-normalised. Safe to call from
/// several threads at once (ORT sessions allow concurrent runs); <see cref="Dispose"/> releases the session.
/// </summary>
public sealed partial class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    // Token states ([batch, sequence, hidden]) under the names HF and sentence-transformers exports use;
    // a sentence_embedding output ([batch, hidden]) already carries the model's own pooling and wins.
    private static readonly string[] PreferredOutputs = ["sentence_embedding", "last_hidden_state", "token_embeddings"];

    private readonly OnnxSession session;
    private readonly WordPieceTokenizer tokenizer;
    private readonly string outputName;
    private readonly int batchSize;
    private readonly EmbeddingGeneratorMetadata metadata;

    public OnnxEmbeddingGenerator(OnnxEmbeddingOptions options, ILogger<OnnxEmbeddingGenerator>? logger = null)
    {
        var folder = Path.GetFullPath(options.ModelPath);
        ModelId = "onnx:" + Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        batchSize = Math.Max(1, options.BatchSize);
        tokenizer = WordPieceTokenizerLoader.Load(folder, options.MaxTokens);
        session = OnnxSession.Open(
            Path.Combine(folder, "model.onnx"),
            new OnnxSessionSettings(options.IntraOpThreads, options.InterOpThreads),
            options.LibraryPath);
        try
        {
            CheckInputs(session.Inputs);
            var output = PreferredOutputs.Select(n => session.Outputs.FirstOrDefault(o => o.Name == n)).FirstOrDefault(o => o is not null)
                ?? session.Outputs[0];
            outputName = output.Name;
            // A symbolic hidden size is learnt from one run on the empty text.
            var dimension = output.Shape is [.., > 0 and var hidden] ? (int)hidden : EmbedBatch([""], out _)[0].Vector.Length;
            metadata = new EmbeddingGeneratorMetadata(OnnxEmbeddingOptions.ProviderName, new Uri(folder), ModelId, dimension);
            LogLoaded(
                logger ?? NullLogger<OnnxEmbeddingGenerator>.Instance, ModelId, session.RuntimeVersion, outputName, dimension, tokenizer.Settings.MaxLength, options.IntraOpThreads);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary><c>onnx:</c> and the model folder's name; stored beside every vector.</summary>
    public string ModelId { get; }

    internal OnnxSession Session => session;

    internal WordPieceTokenizer Tokenizer => tokenizer;

    /// <summary>Embeds on the thread pool, batch by batch, checking for cancellation before each batch.</summary>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Dimensions is { } dimensions && dimensions != metadata.DefaultModelDimensions)
        {
            return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(
                new NotSupportedException($"{ModelId} makes {metadata.DefaultModelDimensions}-dimensional vectors, not {dimensions}."));
        }
        var texts = values.ToArray();
        return Task.Run(() => Generate(texts, cancellationToken), cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => session.Dispose();

    private GeneratedEmbeddings<Embedding<float>> Generate(string[] texts, CancellationToken cancellationToken)
    {
        var embeddings = new List<Embedding<float>>(texts.Length);
        long tokens = 0;
        for (var start = 0; start < texts.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.AddRange(EmbedBatch(texts[start..Math.Min(texts.Length, start + batchSize)], out var batchTokens));
            tokens += batchTokens;
        }
        return new GeneratedEmbeddings<Embedding<float>>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    private Embedding<float>[] EmbedBatch(IReadOnlyList<string> texts, out long tokenCount)
    {
        var encoded = texts.Select(tokenizer.Encode).ToArray();
        var rows = encoded.Length;
        var columns = encoded.Max(e => e.Count);
        tokenCount = encoded.Sum(e => (long)e.Count);

        // Every input below is [rows, columns], padded to the batch's longest text.
        var ids = new long[rows * columns];
        var mask = new long[rows * columns];
        Array.Fill(ids, tokenizer.PaddingId);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < encoded[r].Count; c++)
            {
                ids[(r * columns) + c] = encoded[r][c].Id;
                mask[(r * columns) + c] = 1;
            }
        }
        long[] shape = [rows, columns];
        var inputs = session.Inputs.Select(input => input.Name switch
        {
            InputIds => new OnnxInt64Input(InputIds, ids, shape),
            AttentionMask => new OnnxInt64Input(AttentionMask, mask, shape),
            // One segment: every token is of type 0.
            _ => new OnnxInt64Input(TokenTypeIds, new long[rows * columns], shape),
        }).ToList();

        var output = session.Run(inputs, [outputName])[0];
        var vectors = output.Shape switch
        {
            [var b, var t, var h] when b == rows && t == columns => MeanPool(output.Data, mask, rows, columns, (int)h),
            [var b, var h] when b == rows => Enumerable.Range(0, rows).Select(r => output.Data.AsSpan(r * (int)h, (int)h).ToArray()).ToArray(),
            _ => throw new InvalidOperationException(
                $"{ModelId}: output {outputName} has shape [{string.Join(", ", output.Shape)}] for a [{rows}, {columns}] input; expected [batch, sequence, hidden] or [batch, hidden]."),
        };
        return vectors.Select(v => new Embedding<float>(Normalise(v)) { ModelId = ModelId }).ToArray();
    }

    // Sum of the token states where the mask is 1, over how many there are: padding never counts.
    private static float[][] MeanPool(float[] states, long[] mask, int rows, int columns, int hidden)
    {
        var pooled = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            var sum = pooled[r] = new float[hidden];
            var count = 0;
            for (var c = 0; c < columns; c++)
            {
                if (mask[(r * columns) + c] != 0)
                {
                    TensorPrimitives.Add(sum, states.AsSpan(((r * columns) + c) * hidden, hidden), sum);
                    count++;
                }
            }
            TensorPrimitives.Divide(sum, Math.Max(count, 1), sum);
        }
        return pooled;
    }

    private static float[] Normalise(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }

    private static void CheckInputs(IReadOnlyList<OnnxTensorInfo> inputs)
    {
        if (inputs.All(i => i.Name != InputIds))
        {
            throw new NotSupportedException($"The model has no {InputIds} input (it has {string.Join(", ", inputs.Select(i => i.Name))}).");
        }
        foreach (var input in inputs)
        {
            if (input.Name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new NotSupportedException($"The model wants an input {input.Name}; only {InputIds}, {AttentionMask} and {TokenTypeIds} can be fed.");
            }
            if (input.ElementType != OnnxElementType.Int64)
            {
                throw new NotSupportedException($"The model's {input.Name} input is {input.ElementType}; only int64 inputs are fed.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded {ModelId} on ONNX Runtime {Version}: output {Output}, {Dimensions} dimensions, at most {MaxTokens} tokens, {Threads} intra-op threads (0 = ORT's choice)")]
    private static partial void LogLoaded(ILogger logger, string modelId, string version, string output, int dimensions, int maxTokens, int threads);
}
