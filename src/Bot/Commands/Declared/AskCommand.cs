using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/ask question</c>: an answer from the papers with numbered sources; the question also counts as a weak signal for the asker's picks.</summary>
public sealed class AskCommand(BotCommands commands, RecommendationCommands recommendations) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("ask", "Ask a question; the answer cites the indexed papers",
    [
        new("question", "Your question about the papers", Required: true, MaxLength: 500, Primary: true),
    ], Example: "/ask how can two fine-tuned models be merged without retraining?");

    public async Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var question = request.Text("question") ?? "";
        recommendations.RecordQuestion(request.Asker.UserId, request.Asker.GuildId, question);
        return await commands.AskAsync(question, request.Asker, cancellationToken);
    }
}
