using System.Text.Json;
using Bot.Embeddings;
using Bot.Tests.Embeddings;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>The CLI on the embedded default model, all-MiniLM-L6-v2: ingest embeds, search turns hybrid, embed prints vectors.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class DefaultModelCliTests : IDisposable
{
    // The tests' child processes run without a model unless asked (BotCli); this asks for the default one.
    private static readonly Dictionary<string, string> DefaultModel = new() { ["Bot__Embeddings__Provider"] = new EmbeddingOptions().Provider };

    private readonly TempDirectory _folder = new();

    private string Database => _folder.File("bot.db");

    [Fact]
    public async Task Ingest_DefaultModel_EmbedsNewPapersAndSearchDefaultsToHybrid()
    {
        var digest = _folder.Write("d.txt", DigestText.Build("May 6",
            ("Merging Models with Fisher-Weighted Averaging", "We merge the parameters of fine-tuned models by weighting each with its Fisher information."),
            ("Text to Speech for Low Resource Languages", "We synthesise natural speech for languages with little recorded audio."),
            ("Reinforcement Learning for Chip Placement", "An agent places macros on silicon chips with reinforcement learning.")));

        var ingest = await BotCli.RunAsync(_folder.Path, ["ingest", digest, "--db", Database, "--json"], environment: DefaultModel);
        var status = await BotCli.RunAsync(_folder.Path, ["status", "--db", Database, "--json"], environment: DefaultModel);
        var search = await BotCli.RunAsync(_folder.Path, ["search", "combining several fine-tuned networks", "--db", Database, "--json", "--limit", "2"], environment: DefaultModel);
        // No word matches and the model finds nothing close: nothing, rather than the least far papers.
        var nonsense = await BotCli.RunAsync(_folder.Path, ["search", "xxxxxxxx asdkjh", "--db", Database, "--json"], environment: DefaultModel);

        Assert.True(ingest.ExitCode == 0, ingest.StdErr);
        using var statusJson = JsonDocument.Parse(Assert.Single(status.StdOutLines));
        Assert.StartsWith("all-MiniLM-L6-v2/", statusJson.RootElement.GetProperty("embedding_model").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, statusJson.RootElement.GetProperty("embedded_papers").GetInt32());
        Assert.Equal("Apache-2.0", statusJson.RootElement.GetProperty("embedding_licence").GetString());
        using var searchJson = JsonDocument.Parse(Assert.Single(search.StdOutLines));
        Assert.Equal("hybrid", searchJson.RootElement.GetProperty("mode").GetString());
        Assert.Equal("Merging Models with Fisher-Weighted Averaging", searchJson.RootElement.GetProperty("results")[0].GetProperty("title").GetString());
        using var nonsenseJson = JsonDocument.Parse(Assert.Single(nonsense.StdOutLines));
        Assert.Equal(0, nonsenseJson.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Embed_JsonStringsOnStdin_PrintsOneVectorPerLineAndAnErrorForABadLine()
    {
        var result = await BotCli.RunAsync(_folder.Path, ["embed", "--db", Database], "\"hello world\"\n42\n\"\"\n", environment: DefaultModel);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.StdOutLines.Length);
        using var first = JsonDocument.Parse(result.StdOutLines[0]);
        Assert.Equal("all-MiniLM-L6-v2", first.RootElement.GetProperty("model").GetString());
        Assert.Equal(384, first.RootElement.GetProperty("embedding").GetArrayLength());
        using var second = JsonDocument.Parse(result.StdOutLines[1]);
        Assert.Contains("JSON string", second.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var third = JsonDocument.Parse(result.StdOutLines[2]);
        var empty = third.RootElement.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var reference = EmbeddingReference.Load().Model("all-MiniLM-L6-v2").Case("empty", "document").Embedding;
        Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(empty, reference) >= 0.9999f);
    }

    [Fact]
    public async Task Embed_DefaultModel_WritesNothingUnderTheUsersCache()
    {
        // ONNX Runtime 1.32's telemetry writes a device id and an event queue under ~/.cache/Microsoft/DeveloperTools/.onnxruntime.
        var home = Directory.CreateDirectory(_folder.File("home")).FullName;
        var environment = new Dictionary<string, string>(DefaultModel) { ["HOME"] = home, ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache") };

        var result = await BotCli.RunAsync(_folder.Path, ["embed", "--db", Database], "\"hello world\"\n", environment: environment);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Single(result.StdOutLines);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Embed_RetiredUseLiteProvider_FailsSayingWhatReplacedIt()
    {
        var result = await BotCli.RunAsync(_folder.Path, ["embed", "--db", Database], "\"hello\"\n",
            environment: new Dictionary<string, string> { ["Bot__Embeddings__Provider"] = "use-lite" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("use-lite was retired", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("embed")]
    [InlineData("serve")]
    public async Task Start_CorruptModelFile_IsOneLineNamingTheFile(string verb)
    {
        var model = Directory.CreateDirectory(_folder.File("broken-model")).FullName;
        File.WriteAllLines(Path.Combine(model, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello"]);
        File.WriteAllBytes(Path.Combine(model, "model.onnx"), [0x08, 0xFF, 0xFF, 0x01]);
        var environment = new Dictionary<string, string> { ["Bot__Embeddings__Provider"] = "onnx", ["Bot__Embeddings__Onnx__ModelPath"] = model, ["Bot__Inbox__SamplesPath"] = "" };

        var result = await BotCli.RunAsync(_folder.Path, [verb, "--db", Database], "\"hello\"\n", environment: environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: embedding model: ONNX Runtime cannot load {Path.Combine(model, "model.onnx")}", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_NoModelConfigured_FailsWithAClearMessage()
    {
        var result = await BotCli.RunAsync(_folder.Path, ["embed", "--db", Database], "\"hello\"\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no embedding model is configured", result.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
