using Bot.Llm;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>A prompt function's whole reply and what it cost (as the server reported it, or an estimate).</summary>
public sealed record Completion(string Text, long Tokens);

public static class PromptCompletion
{
    /// <summary>Runs prompt <paramref name="name"/> once, without streaming or tools.</summary>
    public static async Task<Completion> CompleteAsync(this PromptLibrary prompts, Kernel kernel, string name, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var result = await prompts.Function(name).InvokeAsync(kernel, arguments, cancellationToken);
        var response = result.GetValue<ChatResponse>();
        var text = response?.Text ?? result.GetValue<object>()?.ToString() ?? "";
        var estimate = TokenEstimate.Of(prompts.Text(name)) + arguments.Sum(a => TokenEstimate.Of(a.Value?.ToString() ?? "")) + TokenEstimate.Of(text);
        return new Completion(text, response?.Usage?.TotalTokenCount ?? estimate);
    }
}
