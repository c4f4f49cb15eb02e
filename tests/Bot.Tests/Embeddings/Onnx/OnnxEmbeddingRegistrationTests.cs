using Bot.Embeddings;
using Bot.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Embeddings.Onnx;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxEmbeddingRegistrationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AddEmbeddings_ProviderOnnx_RegistersGeneratorUnderFolderName()
    {
        var folder = ModelFolder("mini-lm");
        using var host = Host(("Bot:Embeddings:Provider", "onnx"), ("Bot:Embeddings:Onnx:ModelPath", folder), ("Bot:Embeddings:Threads", "1"));
        await host.StartAsync();

        var model = host.Services.GetRequiredService<ActiveEmbeddingModel>();

        Assert.True(model.IsConfigured);
        Assert.Equal("onnx:mini-lm", model.GeneratorModelId);
        Assert.StartsWith("onnx:mini-lm/", model.ModelId, StringComparison.Ordinal);
        var vector = Assert.Single(await model.Generator!.GenerateAsync(["hello"]));
        Assert.Equal(2, vector.Vector.Length);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddEmbeddings_ProviderOnnxWithoutVocabulary_FailsOnStartNamingTheFolder()
    {
        var folder = ModelFolder("no-vocab");
        File.Delete(Path.Combine(folder, "vocab.txt"));
        using var host = Host(("Bot:Embeddings:Provider", "onnx"), ("Bot:Embeddings:Onnx:ModelPath", folder));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"{folder} has neither tokenizer.json nor vocab.txt", error.Message);
    }

    [Fact]
    public async Task AddEmbeddings_ProviderOnnxWithoutModelPath_FailsOnStart()
    {
        using var host = Host(("Bot:Embeddings:Provider", "ONNX"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Bot:Embeddings:Onnx:ModelPath is required", error.Message);
    }

    [Fact]
    public void AddEmbeddings_ProviderNone_RegistersNoGenerator()
    {
        using var host = Host(("Bot:Embeddings:Provider", "none"));

        Assert.Null(host.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.False(host.Services.GetRequiredService<ActiveEmbeddingModel>().IsConfigured);
    }

    private string ModelFolder(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, name)).FullName;
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "[MASK]"]);
        TinyOnnxModelWriter.Write(Path.Combine(folder, "model.onnx"), new TinyOnnxModel([[0, 0], [0, 1], [1, 0], [1, 1], [2, 0]]));
        return folder;
    }

    private static IHost Host(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddLogging();
        builder.AddEmbeddings();
        return builder.Build();
    }
}
