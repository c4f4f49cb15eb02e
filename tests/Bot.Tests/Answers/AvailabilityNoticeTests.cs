using Bot.Answers;

namespace Bot.Tests.Answers;

public sealed class AvailabilityNoticeTests
{
    [Theory]
    [InlineData("Code is available at https://github.com/example/repo.")]
    [InlineData("We provide the codes in https://github.com/Blackzxy/LoGAH .")]
    [InlineData("Our code and models will be made publicly available.")]
    [InlineData("The dataset and checkpoints are released to facilitate future research.")]
    [InlineData("We also release code to convert models to MLX library for inference and fine-tuning on Apple devices.")]
    [InlineData("Additionally, the models can be found on HuggingFace.")]
    [InlineData("We open-source our implementation and weights.")]
    public void Is_NoticesOfCodeDataModelsOrLinks_True(string sentence)
    {
        Assert.True(AvailabilityNotice.Is(sentence));
    }

    [Theory]
    [InlineData("OpenELM uses a layer-wise scaling strategy to efficiently allocate parameters within each layer.")]
    [InlineData("We show that vision and language models initialized with LoGAH achieve better performance.")]
    [InlineData("Our largest model reaches 88.5% top-1 accuracy on ImageNet.")]
    [InlineData("We release a theoretical analysis of why merging works.")]
    public void Is_SentencesThatSaySomething_False(string sentence)
    {
        Assert.False(AvailabilityNotice.Is(sentence));
    }

    [Theory]
    [InlineData("Where can I find the code for OpenELM?", true)]
    [InlineData("Is there a GitHub link for LoGAH?", true)]
    [InlineData("Are the model weights released?", true)]
    [InlineData("Which papers improve code generation?", false)]
    [InlineData("What per-layer parameter allocation strategy does Apple's openly released LM family use?", false)]
    public void AskedFor_QuestionsAboutWhereThingsAre_OnlyThose(string question, bool expected)
    {
        Assert.Equal(expected, AvailabilityNotice.AskedFor(question));
    }
}
