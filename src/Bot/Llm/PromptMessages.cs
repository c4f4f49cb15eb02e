using Bot.Answers;
using Microsoft.Extensions.AI;

namespace Bot.Llm;

/// <summary>A rendered prompt as chat messages: its instructions as the system message, its data (papers, user text) as the user message.</summary>
public static class PromptMessages
{
    public static List<ChatMessage> For(RenderedPrompt prompt) => prompt.Instructions.Length == 0
        ? [new ChatMessage(ChatRole.User, prompt.Data)]
        : [new ChatMessage(ChatRole.System, prompt.Instructions), new ChatMessage(ChatRole.User, prompt.Data)];
}
