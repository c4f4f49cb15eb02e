using System.Numerics.Tensors;

namespace Bot.Tests.Embeddings.UseLite;

public sealed class UseLiteReferenceTests(UseLiteModelFixture model) : IClassFixture<UseLiteModelFixture>
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in UseLiteReference.Cases.Select(c => c.Name).Distinct())
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Encode_ReferenceText_GivesReferenceTokenIds(string name)
    {
        foreach (var reference in UseLiteReference.Cases.Where(c => c.Name == name))
        {
            Assert.Equal(reference.Ids, model.Generator.Tokenizer.Encode(reference.Text));
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Embed_ReferenceText_MatchesReferenceVector(string name)
    {
        foreach (var reference in UseLiteReference.Cases.Where(c => c.Name == name))
        {
            var vector = model.Generator.Embed(reference.Text);
            var cosine = TensorPrimitives.CosineSimilarity(vector, reference.Embedding);
            Assert.True(cosine >= 0.9999f, $"{name}: cosine {cosine} with the reference");
        }
    }
}
