using Bot.Answers;

namespace Bot.Tests.Answers;

public sealed class MaximalMarginalRelevanceTests
{
    [Fact]
    public void Select_TwoPartQuestion_SecondPickAnswersThePartTheFirstMissed()
    {
        // "how large is the corpus, and what accuracy did it reach?": the lead covers the corpus; of two
        // equally relevant followers, the one bringing the accuracy words comes next.
        var lead = Sentence("the bilingual corpus holds six billion image text pairs", 1.0);
        var repeats = Sentence("the corpus of image text pairs is bilingual and large", 0.6);
        var answers = Sentence("the largest encoder reaches top1 accuracy on imagenet", 0.6);
        var weights = new Dictionary<string, double> { ["corpus"] = 2, ["billion"] = 2, ["accuracy"] = 2, ["imagenet"] = 2 };

        var picked = MaximalMarginalRelevance.Select([lead, repeats, answers], minimum: 2, maximum: 2, weights);

        Assert.Equal([lead, answers], picked);
    }

    [Fact]
    public void Select_MostRelevantSentence_AlwaysLeads()
    {
        var best = Sentence("merging weights by fisher information", 0.9);
        var broad = Sentence("fisher merging weights averaging models information parameters", 0.8);
        var weights = new Dictionary<string, double> { ["fisher"] = 1, ["merging"] = 1, ["averaging"] = 3, ["parameters"] = 3 };

        var picked = MaximalMarginalRelevance.Select([broad, best], minimum: 1, maximum: 2, weights);

        Assert.Same(best, picked[0]);
    }

    [Fact]
    public void Select_SentencesOnOneTopic_AreNotRedundantUnlessTheySayTheSame()
    {
        // Same paper, same topic, different content (similarity 0.6) beats a less relevant sentence on
        // another topic; a near copy (0.95) of the lead loses to both despite its relevance.
        var lead = Sentence("a", 1.0, [1f, 0f, 0f]);
        var sameTopic = Sentence("b", 0.7, [0.6f, 0.8f, 0f]);
        var otherTopic = Sentence("c", 0.6, [0f, 0f, 1f]);
        var nearCopy = Sentence("d", 0.75, [0.95f, 0.312f, 0f]);

        var picked = MaximalMarginalRelevance.Select([lead, sameTopic, otherTopic, nearCopy], minimum: 2, maximum: 2);

        Assert.Equal([lead, sameTopic], picked);
    }

    private static CandidateSentence Sentence(string text, double relevance, float[]? embedding = null) =>
        new(0, text, text.Split(' ')) { Relevance = relevance, Embedding = embedding };
}
