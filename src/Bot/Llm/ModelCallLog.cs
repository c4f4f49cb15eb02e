using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Bot.Llm;

/// <summary>
/// Semantic Kernel filters that log every function the kernel runs (a prompt sent to the model, or a
/// tool the model called) with its time and outcome, and the size of every rendered prompt. Only
/// names, sizes and times: prompts hold user text and a server's error text may echo the key.
/// </summary>
public sealed partial class ModelCallLog(TimeProvider clock, ILogger<ModelCallLog> logger) : IFunctionInvocationFilter, IPromptRenderFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        var started = clock.GetTimestamp();
        try
        {
            await next(context);
            if (context.IsStreaming)
            {
                // A stream is read after this returns: its time is the answer's, logged by whoever reads it.
                LogStreaming(context.Function.PluginName ?? "prompt", context.Function.Name);
            }
            else
            {
                LogRan(context.Function.PluginName ?? "prompt", context.Function.Name, clock.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(context.Function.PluginName ?? "prompt", context.Function.Name, clock.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }

    public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
    {
        await next(context);
        LogRendered(context.Function.Name, context.RenderedPrompt?.Length ?? 0, TokenEstimate.Of(context.RenderedPrompt ?? ""));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kernel function {Plugin}.{Function} ran in {Milliseconds:F0} ms")]
    private partial void LogRan(string plugin, string function, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kernel function {Plugin}.{Function} started streaming")]
    private partial void LogStreaming(string plugin, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernel function {Plugin}.{Function} failed after {Milliseconds:F0} ms ({Error})")]
    private partial void LogFailed(string plugin, string function, double milliseconds, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Prompt {Prompt} rendered: {Characters} characters, ~{Tokens} tokens")]
    private partial void LogRendered(string prompt, int characters, int tokens);
}
