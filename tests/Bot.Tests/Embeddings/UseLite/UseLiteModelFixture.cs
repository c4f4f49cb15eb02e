using Bot.Embeddings.UseLite;

namespace Bot.Tests.Embeddings.UseLite;

/// <summary>Loads the real USE-lite weights once for every test class that needs them.</summary>
public sealed class UseLiteModelFixture
{
    public UseLiteEmbeddingGenerator Generator { get; } = UseLiteEmbeddingGenerator.Load(UseLiteReference.ModelFolder);
}
