using Bot.Commands;
using Bot.Discord.Interactions;

namespace Bot.Tests.Discord.Interactions;

public sealed class ReplyEmbedsTests
{
    [Fact]
    public void PaperList_MarkdownInATitle_IsEscapedSoPaperTextCannotFormatTheMessage()
    {
        var embed = ReplyEmbeds.PaperList("Results", [new ReplyItem("**Bold** [link](https://evil.example)", "A `gist`.", "abc")], 1, null);

        Assert.Contains(@"\*\*Bold\*\* \[link\](https://evil.example)", embed.Description, StringComparison.Ordinal);
        Assert.Contains(@"A \`gist\`.", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void General_VeryLongAbstract_IsCutToTheDescriptionLimit()
    {
        var reply = new CommandReply("A paper", [new ReplyItem("Abstract", new string('x', 10_000))]);

        var embed = ReplyEmbeds.General(reply);

        Assert.True(embed.Description!.Length <= 4096);
    }
}
