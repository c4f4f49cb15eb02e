namespace Bot.Answers;

/// <summary>
/// One step of an answer being written: the text validated so far (complete sentences only, their
/// citations checked), what the model is doing when it looks papers up (<see cref="Status"/>, e.g.
/// "Searching the library for …"), and on the last step the finished <see cref="Answer"/> with the
/// tokens it cost and the lookups it made.
/// </summary>
public sealed record AnswerUpdate(string Text, IReadOnlyList<Citation> Sources, Answer? Final = null, long TokensUsed = 0, string? Status = null)
{
    /// <summary>Rounds of tool calls the model made (each round one reply asking for lookups).</summary>
    public int ToolRounds { get; init; }

    public int ToolCalls { get; init; }

    public static AnswerUpdate Finished(Answer answer, long tokensUsed = 0) => new(answer.Text, answer.Sources, answer, tokensUsed);
}

public static class AnswerUpdates
{
    /// <summary>Reads a stream of updates to its end and returns the final answer.</summary>
    public static async Task<Answer> FinalAsync(this IAsyncEnumerable<AnswerUpdate> updates)
    {
        Answer? final = null;
        await foreach (var update in updates)
        {
            final = update.Final ?? final;
        }
        return final ?? throw new InvalidOperationException("The answer stream ended without a final answer.");
    }
}
