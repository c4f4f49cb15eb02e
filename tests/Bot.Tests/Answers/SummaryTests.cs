using Bot.Answers;
using Bot.Commands;
using Bot.Tests.Support;

namespace Bot.Tests.Answers;

public sealed class SummaryTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    [Fact]
    public void KeySentences_LongAbstract_PicksThreeOfItsOwnSentencesInOrder()
    {
        var paper = shared.Store.Get<Bot.Store.PaperStore>().FindPaper("Merging Models with Fisher-Weighted Averaging")!;
        var all = SentenceSplitter.Split(paper.Abstract).Select(s => s.Text).ToList();

        var key = PaperSummarizer.KeySentences(paper.Abstract);

        Assert.Equal(3, key.Count);
        Assert.All(key, sentence => Assert.Contains(sentence, all));
        Assert.Equal(key, key.OrderBy(all.IndexOf));
        Assert.Contains(key, sentence => sentence.Contains("Fisher", StringComparison.Ordinal));
    }

    [Fact]
    public void SummarizeDigest_NewestDigest_PutsEveryPaperInExactlyOneTheme()
    {
        var reply = shared.Store.Get<BotCommands>().SummarizeDigest(null);
        var digest = shared.Store.Get<Bot.Store.PaperStore>().ListDigests()[0];

        Assert.False(reply.IsError);
        Assert.StartsWith($"Digest {digest.ShortId}: {digest.PaperCount} papers in", reply.Headline, StringComparison.Ordinal);
        Assert.InRange(reply.Items.Count, 2, 8);
        Assert.Equal(digest.PaperCount, reply.Items.Sum(i => int.Parse(i.Title[(i.Title.LastIndexOf('(') + 1)..i.Title.IndexOf(" papers", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(reply.Items, i => Assert.StartsWith("Representative: ", i.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Find_TwoClearTopics_SeparatesThem()
    {
        (string, string, float[]?)[] papers =
        [
            ("Protein folding with equivariant networks", "Protein structure prediction from amino acid sequences with equivariant networks.", null),
            ("Protein design by diffusion", "We design protein backbones and amino acid sequences with diffusion.", null),
            ("Speech synthesis for rare languages", "Text to speech synthesis for languages with little recorded speech audio.", null),
            ("Low-resource speech recognition", "Speech recognition of languages with little transcribed speech audio.", null),
        ];

        var themes = DigestThemes.Find(papers, themes: 2);

        Assert.Equal(2, themes.Count);
        Assert.Contains(themes, t => t.Titles.All(x => x.Contains("rotein", StringComparison.Ordinal)));
        Assert.Contains(themes, t => t.Titles.All(x => x.Contains("peech", StringComparison.Ordinal)));
        Assert.Contains(themes, t => t.Words.Contains("protein") || t.Words.Contains("amino"));
    }

    [Fact]
    public void Find_VectorsSharingOneLargeDirection_SeparatesTheTopicsAndNamesThemFromTitles()
    {
        // A small model's vectors: one large direction every paper shares, a smaller one per topic, some noise.
        var random = new Random(3);
        float[] Vector(int topic)
        {
            var v = new float[24];
            for (var d = 0; d < v.Length; d++)
            {
                v[d] = (d == 0 ? 8f : 0f) + (d == 1 + topic ? 1.5f : 0f) + (float)(random.NextDouble() - 0.5) * 0.6f;
            }
            return v;
        }
        string[] topics = ["quantization", "distillation", "retrieval"];
        // Every abstract carries the same boilerplate; a few carry a stray word of another kind.
        var papers = Enumerable.Range(0, 18).Select(i => (
            Title: $"{topics[i % 3]} study number {i}",
            Abstract: $"We propose a novel approach that outperforms existing methods{(i % 4 == 0 ? " in recent benchmarks" : "")}. Results are strong.",
            Vector: (float[]?)Vector(i % 3))).ToList();
        // First in the digest, one paper unlike all the others: it must not take a theme of its own from a real topic.
        var odd = new float[24];
        (odd[0], odd[20]) = (8f, 6f);
        papers.Insert(0, ("An unrelated note", "We propose a novel approach to something else entirely. Results are strong.", odd));

        var themes = DigestThemes.Find(papers, themes: 3);

        Assert.Equal(3, themes.Count);
        foreach (var topic in topics)
        {
            var theme = Assert.Single(themes, t => t.Titles.Any(x => x.StartsWith(topic, StringComparison.Ordinal)));
            Assert.Equal(6, theme.Titles.Count(x => x.StartsWith(topic, StringComparison.Ordinal)));
            Assert.DoesNotContain(theme.Titles, x => topics.Any(other => other != topic && x.StartsWith(other, StringComparison.Ordinal)));
            Assert.Equal(topic, theme.Words[0]);
        }
    }

    [Fact]
    public void Summarize_UnknownPaperOrDigest_IsAClearError()
    {
        var commands = shared.Store.Get<BotCommands>();

        Assert.True(commands.SummarizePaper("no such paper").IsError);
        Assert.Contains("nope", commands.SummarizeDigest("nope").Headline, StringComparison.Ordinal);
    }
}
