using Bot.Bench;
using Bot.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Bench;

public sealed class SyntheticEmbeddingGeneratorTests
{
    [Fact]
    public async Task GenerateAsync_SameText_SameUnitVector()
    {
        using var generator = new SyntheticEmbeddingGenerator("bench-synthetic-16d", 16);

        var embeddings = await generator.GenerateAsync(["graph neural networks", "graph neural networks", "other"]);

        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[2].Vector.ToArray());
        Assert.Equal(1.0, Math.Sqrt(embeddings[2].Vector.ToArray().Sum(x => (double)x * x)), 1e-5);
    }

    [Fact]
    public void BenchHost_WithSyntheticGenerator_StoresVectorsUnderTheSyntheticStoreModelId()
    {
        var path = BenchHost.TempStorePath("model-id");
        using (var host = BenchHost.Build(path, new SyntheticEmbeddingGenerator(SyntheticStore.GeneratorIdFor(512), 512)))
        {
            var model = host.Services.GetRequiredService<ActiveEmbeddingModel>();

            Assert.Equal("bench-synthetic-512d", model.GeneratorModelId);
            Assert.Equal(SyntheticStore.ModelIdFor(512), model.ModelId);
        }
        BenchHost.DeleteStore(path);
    }

    [Fact]
    public void LatencySummary_From_UsesNearestRank()
    {
        var summary = LatencySummary.From(Enumerable.Range(1, 200).Select(i => (double)i).Reverse().ToList());

        Assert.Equal((100.0, 190.0, 198.0, 200.0), (summary.P50, summary.P95, summary.P99, summary.Max));
    }
}
