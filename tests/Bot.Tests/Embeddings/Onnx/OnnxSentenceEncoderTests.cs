using Bot.Embeddings;
using Bot.Embeddings.Onnx;
using Microsoft.Extensions.AI;

namespace Bot.Tests.Embeddings.Onnx;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxSentenceEncoderTests : IDisposable
{
    private const float Tolerance = 1e-5f;

    // vocab.txt: the id is the line number.
    private static readonly string[] Vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world", "un", "##aff", "##able", "!", "[MASK]"];

    // One row of H = 4 per vocabulary entry. [PAD]'s row is large so that any padding that leaks
    // into the pooling shows.
    private static readonly float[][] Words =
    [
        [9, 9, 9, 9], // [PAD]
        [0, 0, 0, 1], // [UNK]
        [1, 0, 0, 0], // [CLS]
        [0, 1, 0, 0], // [SEP]
        [0, 0, 2, 0], // hello
        [2, 0, 0, 2], // world
        [1, 1, 1, 1], // un
        [0, 2, 0, 0], // ##aff
        [0, 0, 0, 3], // ##able
        [1, 2, 3, 4], // !
    ];

    // Type 0 is what one-segment input feeds; type 1 would be visible if fed.
    private static readonly float[][] Types = [[0.25f, 0, 0, 0], [100, 100, 100, 100]];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task GenerateAsync_WithTokenTypes_IsMaskedMeanOfRowsNormalised()
    {
        using var generator = Generator(new TinyOnnxModel(Words, Scale: 0.5f, Types: Types));

        var embedding = Assert.Single(await generator.GenerateAsync(["Hello"]));

        // [CLS] hello [SEP]: 0.5·([1,0,0,0] + [0,0,2,0] + [0,1,0,0]) + 3·[0.25,0,0,0] = [1.25, 0.5, 1, 0];
        // the mean divides by 3, which normalisation cancels: |[1.25, 0.5, 1, 0]| = √2.8125.
        AssertVector(Normalised(1.25f, 0.5f, 1f, 0f), embedding.Vector);
    }

    [Fact]
    public async Task GenerateAsync_WithoutTokenTypes_FeedsOnlyDeclaredInputs()
    {
        using var generator = Generator(new TinyOnnxModel(Words, Scale: 0.5f));

        var embedding = Assert.Single(await generator.GenerateAsync(["hello world"]));

        Assert.Equal(4, generator.CountTokens("hello world") + 2);
        // 0.5·([1,0,0,0] + [0,0,2,0] + [2,0,0,2] + [0,1,0,0]) = [1.5, 0.5, 1, 1].
        AssertVector(Normalised(1.5f, 0.5f, 1f, 1f), embedding.Vector);
    }

    [Fact]
    public async Task GenerateAsync_BatchWithPadding_GivesEachTextItsOwnVector()
    {
        // The graph leaves [PAD]'s row in place at padded positions: only the pooling's mask keeps it out.
        using var generator = Generator(new TinyOnnxModel(Words, Scale: 1f, MaskInGraph: false));
        string[] texts = ["hello", "unaffable hello world!", "world"];

        var together = await generator.GenerateAsync(texts);
        var alone = await Task.WhenAll(texts.Select(async t => (await generator.GenerateAsync([t]))[0]));

        for (var i = 0; i < texts.Length; i++)
        {
            AssertVector(alone[i].Vector.ToArray(), together[i].Vector);
        }
        // [CLS] hello [SEP] = [1, 1, 2, 0].
        AssertVector(Normalised(1f, 1f, 2f, 0f), together[0].Vector);
    }

    [Fact]
    public async Task GenerateAsync_PooledOutput_IsUsedAsIs()
    {
        using var generator = Generator(new TinyOnnxModel(Words, Scale: 0.5f, Types: Types, Pooled: true));

        var embedding = Assert.Single(await generator.GenerateAsync(["hello"]));

        AssertVector(Normalised(1.25f, 0.5f, 1f, 0f), embedding.Vector);
    }

    [Fact]
    public async Task GenerateAsync_AnyText_CarriesModelIdAndMetadata()
    {
        using var generator = Generator(new TinyOnnxModel(Words), folderName: "tiny-bert");

        var result = await generator.GenerateAsync(["hello", "world"]);

        Assert.All(result, e => Assert.Equal("onnx:tiny-bert", e.ModelId));
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("onnxruntime", metadata.ProviderName);
        Assert.Equal("onnx:tiny-bert", metadata.DefaultModelId);
        Assert.Equal(4, metadata.DefaultModelDimensions);
        Assert.Equal(6, result.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_MoreTextsThanBatchSize_KeepsOrder()
    {
        using var generator = Generator(new TinyOnnxModel(Words), batchSize: 2);
        string[] texts = ["hello", "world", "!", "unaffable", "hello world"];

        var batched = await generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, batched.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            AssertVector((await generator.GenerateAsync([texts[i]]))[0].Vector.ToArray(), batched[i].Vector);
        }
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_ThrowsBeforeTheNextBatch()
    {
        using var generator = Generator(new TinyOnnxModel(Words), batchSize: 1);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["hello", "world"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task GenerateAsync_ManyCallersAtOnce_AllGetTheSameVector()
    {
        using var generator = Generator(new TinyOnnxModel(Words, Types: Types));
        var expected = (await generator.GenerateAsync(["unaffable hello world!"]))[0].Vector.ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => generator.GenerateAsync(["unaffable hello world!"]))));

        Assert.All(results, r => AssertVector(expected, r[0].Vector));
    }

    [Fact]
    public async Task GenerateAsync_ClsPooling_IsTheFirstTokensRow()
    {
        using var generator = Generator(new TinyOnnxModel(Words, Scale: 0.5f, Types: Types), pooling: "cls");

        var embedding = Assert.Single(await generator.GenerateAsync(["hello world"]));

        // [CLS]'s row alone: 0.5·[1,0,0,0] + [0.25,0,0,0].
        AssertVector(Normalised(1f, 0f, 0f, 0f), embedding.Vector);
    }

    [Fact]
    public async Task GenerateAsync_QueryRole_PrependsTheQueryPrefixAndDocumentsTheirs()
    {
        using var generator = Generator(new TinyOnnxModel(Words), queryPrefix: "hello ", documentPrefix: "world ");
        using var plain = Generator(new TinyOnnxModel(Words), folderName: "plain");

        var query = Assert.Single(await generator.GenerateAsync(["un"], EmbeddingRoles.ForQueries()));
        var document = Assert.Single(await generator.GenerateAsync(["un"]));

        AssertVector((await plain.GenerateAsync(["hello un"]))[0].Vector.ToArray(), query.Vector);
        AssertVector((await plain.GenerateAsync(["world un"]))[0].Vector.ToArray(), document.Vector);
        Assert.NotEqual(query.Vector.ToArray(), document.Vector.ToArray());
    }

    [Fact]
    public void Open_MissingModelFile_SaysWhichFileAndHowToGetIt()
    {
        var folder = Folder(new TinyOnnxModel(Words));
        File.Delete(Path.Combine(folder, "model.onnx"));

        var error = Assert.Throws<EmbeddingModelException>(() => OnnxSentenceEncoder.Open(Profile(folder), threads: 1, batchSize: 16));

        Assert.Contains(Path.Combine(folder, "model.onnx"), error.Message);
        Assert.Contains("dotnet build", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF })]
    [InlineData(new byte[0])]
    public void Open_CorruptModelFile_SaysTheFileCannotBeLoaded(byte[] content)
    {
        var folder = Folder(new TinyOnnxModel(Words));
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), content);

        var error = Assert.Throws<EmbeddingModelException>(() => OnnxSentenceEncoder.Open(Profile(folder), threads: 1, batchSize: 16));

        Assert.Contains("cannot load", error.Message);
        Assert.Contains(Path.Combine(folder, "model.onnx"), error.Message);
    }

    [Fact]
    public void Open_CutOffModelFile_SaysTheFileCannotBeLoaded()
    {
        var folder = Folder(new TinyOnnxModel(Words));
        var path = Path.Combine(folder, "model.onnx");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<EmbeddingModelException>(() => OnnxSentenceEncoder.Open(Profile(folder), threads: 1, batchSize: 16));

        Assert.Contains("cannot load", error.Message);
    }

    [Fact]
    public void Open_DimensionsUnlikeTheProfile_Throws()
    {
        var folder = Folder(new TinyOnnxModel(Words));

        var error = Assert.Throws<EmbeddingModelException>(() => OnnxSentenceEncoder.Open(Profile(folder) with { Dimensions = 384 }, threads: 1, batchSize: 16));

        Assert.Contains("4-dimensional", error.Message);
    }

    [Fact]
    public async Task Open_MaxTokens_CutsTexts()
    {
        using var generator = Generator(new TinyOnnxModel(Words), maxTokens: 3);

        // [CLS] un [SEP]: 0.5 is not applied (Scale 1): [1,0,0,0] + [1,1,1,1] + [0,1,0,0].
        AssertVector(Normalised(2f, 2f, 1f, 1f), (await generator.GenerateAsync(["unaffable"]))[0].Vector);
        Assert.Equal(3, generator.MaxTokens);
    }

    [Fact]
    public async Task Dispose_ThenEmbed_Throws()
    {
        var generator = Generator(new TinyOnnxModel(Words));

        generator.Dispose();

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => generator.GenerateAsync(["hello"]));
    }

    private OnnxSentenceEncoder Generator(
        TinyOnnxModel model, string folderName = "tiny", int batchSize = 16, int? maxTokens = null, string pooling = "mean", string queryPrefix = "", string documentPrefix = "") =>
        OnnxSentenceEncoder.Open(
            new OnnxEmbeddingOptions { MaxTokens = maxTokens, Pooling = pooling, QueryPrefix = queryPrefix, DocumentPrefix = documentPrefix }.Profile(Folder(model, folderName)),
            threads: 1, batchSize);

    private static ModelProfile Profile(string folder) => new OnnxEmbeddingOptions().Profile(folder);

    private string Folder(TinyOnnxModel model, string name = "tiny")
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, name)).FullName;
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), Vocab);
        TinyOnnxModelWriter.Write(Path.Combine(folder, "model.onnx"), model);
        return folder;
    }

    private static float[] Normalised(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static void AssertVector(float[] expected, ReadOnlyMemory<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(actual.Span[i], expected[i] - Tolerance, expected[i] + Tolerance);
        }
    }
}
