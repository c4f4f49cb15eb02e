using System.Runtime.CompilerServices;
using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary>
/// <c>/ask question</c>: an answer from the papers with numbered sources; the sources are the user's last
/// list ("/paper 2" opens the second), and at the console the question also counts as a weak signal for
/// the asker's picks (on Discord the gateway's question signal records it).
/// </summary>
public sealed class AskCommand(BotCommands commands, RecommendationCommands recommendations, ShownLists shown) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("ask", "Ask a question; the answer cites the indexed papers",
    [
        new("question", "Your question about the papers", Required: true, MaxLength: 500, Primary: true),
    ], Example: "/ask how can two fine-tuned models be merged without retraining?", PostsInChannel: true);

    public async Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        recommendations.RecordQuestion(request.Asker.UserId, request.Asker.GuildId, request.Text("question") ?? "");
        CommandReply? final = null;
        await foreach (var step in StreamAsync(request, cancellationToken))
        {
            final = step.Reply;
        }
        return final!;
    }

    /// <summary>The answer as it is written (a language model streams it), then the final reply with its sources.</summary>
    public async IAsyncEnumerable<AskProgress> StreamAsync(CommandRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var step in commands.AskStreamAsync(request.Text("question") ?? "", request.Asker, cancellationToken))
        {
            if (step.IsFinal && !step.Reply.IsError)
            {
                shown.Remember(request.Asker.UserId, "/ask sources", step.Reply.Items.Select(i => i.Id).OfType<string>());
            }
            yield return step;
        }
    }

    /// <summary>A request for this command from a question typed some other way (a mention, a DM).</summary>
    public static CommandRequest Question(Bot.Answers.Asker asker, string question) =>
        new(asker, null, new Dictionary<string, string>(StringComparer.Ordinal) { ["question"] = question });
}
