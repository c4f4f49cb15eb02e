using Bot.Answers;
using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Answers;

/// <summary>
/// A question asking for a quantity, answered extractively (BM25 only, no embedding model): the sentence
/// holding the number comes into the answer though it shares no word with the question.
/// </summary>
public sealed class ExtractiveResultTests
{
    private const string Title = "Upcycling Dense Checkpoints into Mixtures of Experts";

    private const string Abstract =
        "Training mixture-of-experts language models from scratch is expensive. " +
        "We propose Upcycle, which initializes a mixture-of-experts language model from a dense checkpoint by copying its feed-forward layers into every expert. " +
        "A router trained briefly on the dense model's own data assigns tokens to the copied experts. " +
        "Upcycle matches the original quality with 40% of the original budget. " +
        "The copied experts drift apart and specialise by topic early in training.";

    [Fact]
    public async Task Answer_QuestionAskingForAResult_QuotesTheSentenceWithTheNumber()
    {
        var answer = await Answer("How much cheaper is it to initialize a mixture-of-experts language model from a dense checkpoint than to train it from scratch?");

        Assert.Equal(Title, answer.Sources[0].Title);
        Assert.Contains("40% of the original budget", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_QuestionNotAskingForAQuantity_LeavesTheUnmatchedNumberOut()
    {
        var answer = await Answer("Which layers of the dense checkpoint are copied into the mixture-of-experts language model?");

        Assert.Equal(Title, answer.Sources[0].Title);
        Assert.DoesNotContain("40%", answer.Text, StringComparison.Ordinal);
    }

    private static async Task<Answer> Answer(string question)
    {
        using var store = TestStore.Create();
        var file = store.WriteFile("upcycle.txt", DigestText.Build("2024-05-06",
            (Title, Abstract),
            ("Graph Transformers for Molecule Property Prediction", DigestText.Abstract("molecule property prediction")),
            ("Learning to Route Queries Across Retrieval Indexes", DigestText.Abstract("query routing"))));
        store.Get<DigestIngestor>().IngestFile(file);
        return await store.Get<ExtractiveAnswerer>().AnswerAsync(question, CancellationToken.None);
    }
}
