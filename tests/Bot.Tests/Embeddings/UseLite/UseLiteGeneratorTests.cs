using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Bot.Tests.Embeddings.UseLite;

public sealed class UseLiteGeneratorTests(UseLiteModelFixture model) : IClassFixture<UseLiteModelFixture>
{
    private static float[] Reference(string name) => UseLiteReference.Cases.First(c => c.Name == name).Embedding;

    [Fact]
    public async Task GenerateAsync_EmptyTextsAnywhereInTheBatch_EachGetTheReferenceEmptyRow()
    {
        // The reference drops trailing empty rows and throws on an all-empty batch; every input here gets its row.
        var vectors = await model.Generator.GenerateAsync(["", "a", ""]);

        Assert.Equal(3, vectors.Count);
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, Reference("empty")) >= 0.9999f);
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[1].Vector.Span, Reference("one character")) >= 0.9999f);
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[2].Vector.Span, Reference("empty")) >= 0.9999f);
    }

    [Fact]
    public async Task GenerateAsync_OnlyEmptyTexts_GivesOneRowEach()
    {
        var vectors = await model.Generator.GenerateAsync(["", ""]);

        Assert.Equal(2, vectors.Count);
    }

    [Fact]
    public async Task GenerateAsync_Batch_MatchesEmbeddingEachTextAlone()
    {
        var texts = UseLiteReference.Cases.Take(8).Select(c => c.Text).ToList();

        var batch = await model.Generator.GenerateAsync(texts);

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(model.Generator.Embed(texts[i]), batch[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.Generator.GenerateAsync(["a", "b"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task GenerateAsync_Vectors_CarryTheModelIdAndUnitLength()
    {
        var vectors = await model.Generator.GenerateAsync(["knowledge distillation"]);

        Assert.Equal("use-lite-512", vectors[0].ModelId);
        Assert.Equal(512, vectors[0].Vector.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(vectors[0].Vector.Span), 4);
        Assert.Equal("use-lite-512", model.Generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void Embed_OnlyTheFirst128TokensCount()
    {
        var tokens = model.Generator.Tokenizer.Encode(UseLiteReference.Cases.First(c => c.Name == "140 the").Text);

        Assert.Equal(140, tokens.Length);
        Assert.Equal(Reference("128 the"), Reference("140 the"));
        Assert.True(TensorPrimitives.CosineSimilarity(model.Generator.Embed(string.Join(' ', Enumerable.Repeat("the", 140))), Reference("128 the")) >= 0.9999f);
    }

    [Fact]
    public void Embed_SimilarSentences_AreCloserThanUnrelatedOnes()
    {
        var merging = model.Generator.Embed("merging fine-tuned models into one model");
        var averaging = model.Generator.Embed("averaging the weights of several fine-tuned networks");
        var speech = model.Generator.Embed("speech synthesis for low-resource languages");

        Assert.True(TensorPrimitives.Dot(merging, averaging) > TensorPrimitives.Dot(merging, speech));
    }

    [Fact]
    public void Load_MissingFolder_SaysWhatIsMissingAndHowToGetIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Bot.Embeddings.UseLite.UseLiteEmbeddingGenerator.Load("/nonexistent/use-lite"));

        Assert.Contains("model.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:Embeddings:UseLite:ModelPath", error.Message, StringComparison.Ordinal);
    }
}
