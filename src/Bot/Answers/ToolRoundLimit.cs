using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>
/// Bounds the model's lookups (a Semantic Kernel auto function invocation filter): tool calls run while
/// the answer has rounds and tokens left (see <see cref="ToolSession"/>); past that, a call gets
/// "answer now" instead of papers; a model that asks again after being told is cut off, and the
/// answer falls back. Without a session (not an answer) calls pass through.
/// </summary>
public sealed partial class ToolRoundLimit(ILogger<ToolRoundLimit> logger) : IAutoFunctionInvocationFilter
{
    public const string AnswerNow = "No more lookups are allowed for this answer. Answer now from the papers already given, citing their numbers, or say that the library has no good match.";

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        if (ToolSession.Of(context.Kernel) is not { } session)
        {
            await next(context);
            return;
        }
        if (context.RequestSequenceIndex < session.MaxRounds && !session.BudgetSpent)
        {
            await next(context);
            var result = context.Result.GetValue<object>()?.ToString() ?? "";
            session.CountCall(context.RequestSequenceIndex, Llm.TokenEstimate.Of(result));
            return;
        }
        if (session.RefusedInRound is null || session.RefusedInRound == context.RequestSequenceIndex)
        {
            // The first refused round: every call in it is told to answer now.
            session.CountRefusal(context.RequestSequenceIndex);
            LogRefused(context.Function.Name, context.RequestSequenceIndex, session.Spent);
            context.Result = new FunctionResult(context.Function, AnswerNow);
            return;
        }
        session.MarkCut();
        LogCut(context.RequestSequenceIndex);
        context.Terminate = true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lookup {Function} refused in round {Round}: the answer's rounds or tokens ({Spent}) are spent")]
    private partial void LogRefused(string function, int round, long spent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model asked for tools again after being told to answer (round {Round}); its answer is abandoned")]
    private partial void LogCut(int round);
}
