namespace Bot.Answers;

/// <summary>
/// One step of an answer being written: the text validated so far (complete sentences only, their
/// citations checked), and on the last step the finished <see cref="Answer"/> with the tokens it cost.
/// </summary>
public sealed record AnswerUpdate(string Text, IReadOnlyList<Citation> Sources, Answer? Final = null, long TokensUsed = 0)
{
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
