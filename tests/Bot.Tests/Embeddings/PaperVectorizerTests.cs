using System.Numerics.Tensors;
using Bot.Embeddings;
using Bot.Embeddings.Onnx;
using Bot.Tests.Embeddings.Onnx;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Embeddings;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class PaperVectorizerTests : IDisposable
{
    // One token per word, so window sizes are easy to count.
    private static readonly string[] Vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "title", ".", "one", "two", "three", "four", "five", "six", "seven", "query", ":", "[MASK]"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static PaperVectorizer Vectorizer(string strategy = "windows", int overlap = 1) =>
        new(Options.Create(new EmbeddingOptions { Pooling = new PaperPoolingOptions { Strategy = strategy, OverlapTokens = overlap } }));

    /// <param name="maxTokens">[CLS] and [SEP] included: 6 leaves windows of 4 tokens.</param>
    private OnnxSentenceEncoder Encoder(int maxTokens = 6, string documentPrefix = "")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, $"m{maxTokens}{documentPrefix.Length}")).FullName;
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), Vocab);
        TinyOnnxModelWriter.Write(Path.Combine(folder, "model.onnx"), new TinyOnnxModel([.. Vocab.Select((_, i) => new float[] { i, 1 })]));
        return OnnxSentenceEncoder.Open(
            new OnnxEmbeddingOptions { MaxTokens = maxTokens, DocumentPrefix = documentPrefix }.Profile(folder), threads: 1, batchSize: 4);
    }

    [Fact]
    public void Texts_ShortPaper_IsTitleAndAbstractAsOneText()
    {
        using var encoder = Encoder(maxTokens: 12);

        var windows = Vectorizer().Texts("Title", "one two", encoder);

        Assert.Equal([new PaperWindow("Title. one two", 4)], windows);
    }

    [Fact]
    public void Texts_LongPaper_WindowsOfTheModelsLengthOverlappingByTheSetTokens()
    {
        using var encoder = Encoder();

        var windows = Vectorizer(overlap: 1).Texts("Title", "one two three four five six", encoder);

        // "Title." is two tokens (title .): 8 tokens in windows of 4, each repeating the last token of the one before.
        Assert.Equal(["Title. one two", "two three four five", "five six"], windows.Select(w => w.Text));
        Assert.Equal([4, 4, 2], windows.Select(w => w.Tokens));
    }

    [Fact]
    public void Texts_NoOverlap_WindowsFollowEachOther()
    {
        using var encoder = Encoder();

        var windows = Vectorizer(overlap: 0).Texts("Title", "one two three four five six", encoder);

        Assert.Equal(["Title. one two", "three four five six"], windows.Select(w => w.Text));
    }

    [Fact]
    public void Texts_DocumentPrefix_TakesItsShareOfEveryWindow()
    {
        using var encoder = Encoder(documentPrefix: "query: ");

        var windows = Vectorizer(overlap: 0).Texts("Title", "one two three", encoder);

        // The prompt (query :) leaves 2 tokens a window.
        Assert.Equal(["Title.", "one two", "three"], windows.Select(w => w.Text));
    }

    [Fact]
    public void Texts_WordLongerThanAWindow_IsAWindowOfItsOwn()
    {
        using var encoder = Encoder(maxTokens: 4);

        var windows = Vectorizer(overlap: 0).Texts("one", "two,three,four,five six", encoder);

        Assert.Equal(["one.", "two,three,four,five", "six"], windows.Select(w => w.Text));
    }

    [Fact]
    public void Texts_First_IsOneTextWhateverItsLength()
    {
        using var encoder = Encoder();

        Assert.Equal(["Title. one two three four five six"], Vectorizer("first").Texts("Title", "one two three four five six", encoder).Select(w => w.Text));
    }

    [Fact]
    public void Texts_NoEncoderToCountTokens_IsOneText() =>
        Assert.Equal(["Title. one two three four five six"], Vectorizer().Texts("Title", "one two three four five six", encoder: null).Select(w => w.Text));

    [Fact]
    public void Texts_NoAbstract_IsTheTitleAlone()
    {
        using var encoder = Encoder();

        Assert.Equal(["Title"], Vectorizer().Texts("Title", "", encoder).Select(w => w.Text));
    }

    [Fact]
    public void Pool_Windows_IsTheTokenWeightedMeanOfUnitVectors()
    {
        var pooled = PaperVectorizer.Pool([new("a", 3), new("b", 1)], [new float[] { 6, 0 }, new float[] { 0, 2 }]);

        // 3/4·(1, 0) + 1/4·(0, 1), normalised.
        Assert.Equal(3 / MathF.Sqrt(10), pooled[0], 5);
        Assert.Equal(1 / MathF.Sqrt(10), pooled[1], 5);
        Assert.Equal(1f, TensorPrimitives.Norm(pooled), 5);
    }

    [Fact]
    public void Pool_OneWindow_IsItsUnitVector() =>
        Assert.Equal([0.6f, 0.8f], PaperVectorizer.Pool([new("a", 5)], [new float[] { 3, 4 }]));

    [Fact]
    public void Signature_DiffersByPooling_SoVectorsAreNeverMixed()
    {
        Assert.NotEqual(Vectorizer("first").Signature, Vectorizer().Signature);
        Assert.NotEqual(Vectorizer(overlap: 16).Signature, Vectorizer(overlap: 32).Signature);
    }
}
