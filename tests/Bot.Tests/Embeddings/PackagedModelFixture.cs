using Bot.Embeddings;
using Bot.Embeddings.Onnx;

namespace Bot.Tests.Embeddings;

/// <summary>The two packaged models, loaded once for every test that needs the real thing.</summary>
public sealed class PackagedModelFixture : IDisposable
{
    public PackagedModelFixture()
    {
        MiniLm = OnnxSentenceEncoder.Open(PackagedModels.MiniLm, threads: 0, batchSize: 16);
        ArcticXs = OnnxSentenceEncoder.Open(PackagedModels.ArcticXs, threads: 0, batchSize: 16);
    }

    public OnnxSentenceEncoder MiniLm { get; }

    public OnnxSentenceEncoder ArcticXs { get; }

    public OnnxSentenceEncoder For(string modelId) => modelId == MiniLm.Profile.Id ? MiniLm : ArcticXs;

    public void Dispose()
    {
        MiniLm.Dispose();
        ArcticXs.Dispose();
    }
}
