namespace Bot.Embeddings;

/// <summary>How far one run of embedding missing papers has got: <see cref="Done"/> of <see cref="Total"/>.</summary>
public sealed record EmbeddingRun(string ModelId, int Done, long Total)
{
    public bool Finished => Done >= Total;
}

/// <summary>
/// Tells a front end how the background embedding goes, batch by batch, so the console can say when
/// search starts using every paper's vector. Only a notice: what is embedded is in the store.
/// </summary>
public sealed class EmbeddingProgress
{
    public event Action<EmbeddingRun>? Changed;

    public void Report(EmbeddingRun run) => Changed?.Invoke(run);
}
