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
        Assert.StartsWith($"Digest {digest.Id}: {digest.PaperCount} papers in", reply.Headline, StringComparison.Ordinal);
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
    public void Summarize_UnknownPaperOrDigest_IsAClearError()
    {
        var commands = shared.Store.Get<BotCommands>();

        Assert.True(commands.SummarizePaper("no such paper").IsError);
        Assert.Contains("nope", commands.SummarizeDigest("nope").Headline, StringComparison.Ordinal);
    }
}
