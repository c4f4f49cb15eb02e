using Bot.Embeddings;

namespace Bot.Tests.Embeddings;

public sealed class EmbeddingOptionsValidatorTests
{
    private static string[] Failures(string provider) =>
        [.. new EmbeddingOptionsValidator().Validate(null, new EmbeddingOptions { Provider = provider }).Failures ?? []];

    [Theory]
    [InlineData("minilm")]
    [InlineData("MiniLM")]
    [InlineData("arctic-xs")]
    [InlineData("minilm+arctic-xs")]
    [InlineData(" minilm + arctic-xs ")]
    [InlineData("none")]
    public void Validate_KnownProviderWithItsFilesBuilt_Succeeds(string provider) =>
        Assert.Empty(Failures(provider));

    [Theory]
    [InlineData("minilm+minilm")]
    [InlineData("minilm+onnx")]
    [InlineData("bert")]
    [InlineData("")]
    public void Validate_UnknownProvider_ListsTheKnownOnes(string provider) =>
        Assert.Contains("must be one of: minilm, arctic-xs, onnx, none", Assert.Single(Failures(provider)), StringComparison.Ordinal);

    [Fact]
    public void Validate_UseLite_SaysItWasRetiredAndWhatReplacedIt() =>
        Assert.Contains("use-lite was retired: minilm", Assert.Single(Failures("use-lite")), StringComparison.Ordinal);

    [Fact]
    public void Validate_DefaultProvider_IsAPackagedModelWhoseFilesTheBuildPlaced()
    {
        var options = new EmbeddingOptions();

        Assert.Equal(PackagedModels.MiniLmName, options.Provider);
        Assert.True(File.Exists(Path.Combine(PackagedModels.MiniLm.Folder, "model.onnx")), PackagedModels.MiniLm.Folder);
        Assert.True(File.Exists(Path.Combine(PackagedModels.ArcticXs.Folder, "vocab.txt")), PackagedModels.ArcticXs.Folder);
    }
}
