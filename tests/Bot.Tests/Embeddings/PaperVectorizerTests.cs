using System.Numerics.Tensors;
using Bot.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Embeddings;

public sealed class PaperVectorizerTests
{
    private static PaperVectorizer Vectorizer(string strategy = "windows", int window = 4, int stride = 2, double titleWeight = 0) =>
        new(Options.Create(new EmbeddingOptions
        {
            Pooling = new PaperPoolingOptions { Strategy = strategy, WindowWords = window, StrideWords = stride, TitleWeight = titleWeight },
        }));

    [Fact]
    public void Texts_Windows_CoverTheWholeAbstractWithOverlap()
    {
        var texts = Vectorizer().Texts("T", "one two three four five six seven");

        Assert.Equal(["one two three four", "three four five six", "five six seven"], texts);
    }

    [Fact]
    public void Texts_WindowsWithTitleWeight_PutTheTitleFirst()
    {
        var texts = Vectorizer(titleWeight: 0.5).Texts("Title", "one two three");

        Assert.Equal(["Title", "one two three"], texts);
    }

    [Fact]
    public void Texts_First_IsTitleAndAbstractAsOneText()
    {
        Assert.Equal(["Title. one two"], Vectorizer("first").Texts("Title", "one two"));
    }

    [Fact]
    public void Texts_NoAbstract_IsTheTitleAlone()
    {
        Assert.Equal(["Title"], Vectorizer().Texts("Title", ""));
    }

    [Fact]
    public void Pool_Windows_IsTheNormalisedMeanOfUnitVectors()
    {
        var pooled = Vectorizer().Pool([Embedding(3, 0), Embedding(0, 1)]);

        Assert.Equal(1f / MathF.Sqrt(2), pooled[0], 5);
        Assert.Equal(1f / MathF.Sqrt(2), pooled[1], 5);
    }

    [Fact]
    public void Pool_TitleWeight_PullsTheVectorTowardsTheTitle()
    {
        var vectorizer = Vectorizer(titleWeight: 2);
        var title = Embedding(1, 0);
        var window = Embedding(0, 1);

        var pooled = vectorizer.Pool([title, window]);

        // 2·title + mean(windows) = (2, 1), normalised.
        Assert.Equal(2 / MathF.Sqrt(5), pooled[0], 5);
        Assert.Equal(1 / MathF.Sqrt(5), pooled[1], 5);
        Assert.Equal(1f, TensorPrimitives.Norm(pooled), 5);
    }

    [Fact]
    public void Signature_DiffersByPooling_SoVectorsAreNeverMixed()
    {
        Assert.NotEqual(Vectorizer("first").Signature, Vectorizer().Signature);
        Assert.NotEqual(Vectorizer(window: 60).Signature, Vectorizer(window: 90).Signature);
        Assert.NotEqual(Vectorizer(titleWeight: 0).Signature, Vectorizer(titleWeight: 1).Signature);
    }

    private static Embedding<float> Embedding(params float[] values) => new(values);
}
