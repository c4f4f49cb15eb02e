using Bot.Discord.Messages;
using Bot.Discord.Payloads;

namespace Bot.Tests.Discord.Messages;

public sealed class MessageLimitsTests
{
    [Fact]
    public void Split_ShortContent_OneChunk()
    {
        Assert.Equal(["hello"], ContentSplitter.Split("  hello \n"));
    }

    [Fact]
    public void Split_Paragraphs_CutsAtParagraphBreaks()
    {
        var paragraphs = Enumerable.Range(0, 12).Select(i => $"P{i} " + new string('w', 396)).ToArray();

        var chunks = ContentSplitter.Split(string.Join("\n\n", paragraphs));

        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.All(chunks, c => Assert.EndsWith(new string('w', 10), c));
        Assert.Equal(paragraphs, chunks.SelectMany(c => c.Split("\n\n")));
    }

    [Fact]
    public void Split_OneLongParagraph_CutsAtSentenceEnd()
    {
        var sentence = "This sentence is about forty characters. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 80));

        var chunks = ContentSplitter.Split(text);

        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.All(chunks, c => Assert.EndsWith("characters.", c));
    }

    [Fact]
    public void Split_NoWhitespace_HardCutNeverSplitsSurrogatePair()
    {
        var text = "a" + string.Concat(Enumerable.Repeat("😀", 1500));

        var chunks = ContentSplitter.Split(text);

        Assert.Equal(1999, chunks[0].Length);
        Assert.All(chunks, c => Assert.False(char.IsLowSurrogate(c[0])));
        Assert.Equal(text, string.Concat(chunks));
    }

    [Fact]
    public void Split_CodeBlockStraddlingLimit_EndsChunkBeforeFence()
    {
        var prose = new string('p', 1500);
        var code = "```csharp\n" + string.Join("\n", Enumerable.Repeat("var x = 1;", 60)) + "\n```";

        var chunks = ContentSplitter.Split(prose + "\n" + code);

        Assert.Equal([prose, code], chunks);
    }

    [Fact]
    public void Split_CodeBlockLongerThanMessage_ClosesAndReopensWithLanguage()
    {
        var code = "```python\n" + string.Join("\n", Enumerable.Range(0, 400).Select(i => $"print({i})")) + "\n```";

        var chunks = ContentSplitter.Split(code);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c =>
        {
            Assert.True(c.Length <= 2000);
            Assert.StartsWith("```python\n", c);
            Assert.EndsWith("\n```", c);
        });
        var lines = chunks.SelectMany(c => c.Split('\n')).Where(l => !l.StartsWith("```", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 400).Select(i => $"print({i})"), lines);
    }

    [Fact]
    public void Truncate_LongText_CutsAtWordWithEllipsisWithinLimit()
    {
        var result = TextTruncation.Truncate("The quick brown fox jumps over the lazy dog", 20);

        Assert.Equal("The quick brown fox…", result);
        Assert.True(result.Length <= 20);
    }

    [Fact]
    public void Truncate_SurrogatePairAtCut_KeepsPairWhole()
    {
        var result = TextTruncation.Truncate(new string('x', 8) + "😀😀", 10);

        Assert.Equal(new string('x', 8) + "…", result);
    }

    [Fact]
    public void FitEmbeds_EachFieldOverLimit_TruncatedToLimit()
    {
        var embed = new Embed(
            Title: Words(300),
            Description: Words(5000),
            Footer: new EmbedFooter(Words(2100)),
            Author: new EmbedAuthor(Words(300)),
            Fields: [.. Enumerable.Range(0, 30).Select(_ => new EmbedField(Words(10), Words(10)))]);

        var fitted = Assert.Single(EmbedFitter.Fit([embed]));

        Assert.InRange(fitted.Title!.Length, 200, 256);
        Assert.EndsWith("…", fitted.Title);
        Assert.InRange(fitted.Author!.Name.Length, 200, 256);
        Assert.InRange(fitted.Description!.Length, 4000, 4096);
        Assert.Equal(25, fitted.Fields!.Length);
        Assert.True(Total([fitted]) <= 6000);
    }

    [Fact]
    public void FitEmbeds_FieldNameAndValueOverLimit_Truncated()
    {
        var fitted = Assert.Single(EmbedFitter.Fit([new Embed(Fields: [new EmbedField(Words(300), Words(1100))])]));

        var field = Assert.Single(fitted.Fields!);
        Assert.InRange(field.Name.Length, 200, 256);
        Assert.InRange(field.Value.Length, 1000, 1024);
    }

    [Fact]
    public void FitEmbeds_OverTotalAndCount_KeepsTenWithinSixThousand()
    {
        var embeds = Enumerable.Range(0, 12).Select(i => new Embed(Title: $"Paper {i}", Description: Words(1500))).ToArray();

        var fitted = EmbedFitter.Fit(embeds);

        Assert.True(fitted.Length <= 10);
        Assert.InRange(Total(fitted), 5900, 6000);
        // Earlier embeds are kept whole (trimmed, as Discord measures them); the cut falls on the last.
        Assert.Equal(embeds[0].Description!.Trim(), fitted[0].Description);
        Assert.EndsWith("…", fitted[^1].Description);
    }

    [Fact]
    public void Fit_NoAllowedMentions_ParsesNothing()
    {
        var fitted = MessageLimits.Fit(new MessageCreate(Content: new string('x', 2500)));

        Assert.Same(AllowedMentions.None, fitted.AllowedMentions);
        Assert.Equal(2000, fitted.Content!.Length);
    }

    [Fact]
    public void Split_LongMessage_ComponentsOnLastReferenceOnFirst()
    {
        var message = new MessageCreate(
            Content: Words(4500),
            Components: [Component.ActionRow(Component.Button(ButtonStyle.Primary, "More", "more:1"))],
            MessageReference: new MessageReference("42"));

        var parts = MessageLimits.Split(message);

        Assert.Equal(3, parts.Count);
        Assert.NotNull(parts[0].MessageReference);
        Assert.All(parts.Skip(1), p => Assert.Null(p.MessageReference));
        Assert.NotNull(parts[^1].Components);
        Assert.All(parts.SkipLast(1), p => Assert.Null(p.Components));
        Assert.All(parts, p => Assert.Same(AllowedMentions.None, p.AllowedMentions));
    }

    private static string Words(int length)
    {
        var text = string.Concat(Enumerable.Repeat("lorem ipsum dolor ", length / 18 + 1));
        return text[..length];
    }

    private static int Total(IEnumerable<Embed> embeds) => embeds.Sum(e =>
        (e.Title?.Length ?? 0) + (e.Description?.Length ?? 0) + (e.Footer?.Text.Length ?? 0) + (e.Author?.Name.Length ?? 0)
        + (e.Fields ?? []).Sum(f => f.Name.Length + f.Value.Length));
}
