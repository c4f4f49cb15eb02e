using Bot.Answers;

namespace Bot.Tests.Answers;

public sealed class ResultStatementTests
{
    [Theory]
    [InlineData("LoGAH allows us to predict the parameters of 774-million large neural networks in a memory-efficient manner.")]
    [InlineData("Our approach accelerates sampling by 41% and 24% respectively.")]
    [InlineData("Our distilled models obtain at least 6.5times speed-up.")]
    [InlineData("Training the adapter (4.18% of total parameters) matches full fine-tuning.")]
    [InlineData("We match ResNet-50 without any of the 1.28 million training examples.")]
    public void Is_SentencesStatingANumber_True(string sentence)
    {
        Assert.True(ResultStatement.Is(sentence));
    }

    [Theory]
    [InlineData("We show that vision and language models (i.e., ViT and GPT-2) initialized with LoGAH achieve better performance.")]
    [InlineData("Our best model outperforms ResNet-50 and ViT-B/16 on ImageNet-1K top-1 accuracy.")]
    [InlineData("This approach exploits two key intuitions; (1) the outputs of adjacent steps are similar, and (2) partial steps are cheap.")]
    [InlineData("MLPs reach strong accuracy on CIFAR10 and M^2-Encoder reaches more.")]
    public void Is_DigitsInNamesOrEnumerations_False(string sentence)
    {
        Assert.False(ResultStatement.Is(sentence));
    }

    [Theory]
    [InlineData("How much does training on an auxiliary task improve accuracy?", true)]
    [InlineData("What size of transformers can the weight predictor initialize?", true)]
    [InlineData("What fraction of the original parameters does the student use and what speed-up does it get?", true)]
    [InlineData("How large is the Chinese-English image-text corpus?", true)]
    [InlineData("How does it compare with OLMo at about one billion parameters?", true)]
    [InlineData("What zero-shot ImageNet top-1 did the largest model reach?", true)]
    [InlineData("How does the pooling-based token mixer capture context in long sequences?", false)]
    [InlineData("Which vision and language models were tested?", false)]
    [InlineData("What per-layer parameter allocation strategy does the family use?", false)]
    public void AskedFor_QuestionsAskingForAQuantityOrAResult_OnlyThose(string question, bool expected)
    {
        Assert.Equal(expected, ResultStatement.AskedFor(question));
    }
}
