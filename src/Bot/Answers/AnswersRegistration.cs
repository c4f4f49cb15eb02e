using Bot.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>
/// Everything that makes an answer or a summary: the extractive answerer (always), and over the
/// language model when one is configured (<see cref="LlmRegistration.AddLanguageModel"/>) the prompt
/// functions, the papers plugin and its round limit, the conversation memory and the summary cache.
/// </summary>
public static class AnswersRegistration
{
    private sealed class PromptsLoad : IValidateOptions<AnswerOptions>
    {
        public ValidateOptionsResult Validate(string? name, AnswerOptions options)
        {
            if (!Directory.Exists(options.ResolvedPromptsPath))
            {
                return ValidateOptionsResult.Skip;
            }
            try
            {
                PromptLibrary.Load(options.ResolvedPromptsPath);
                return ValidateOptionsResult.Success;
            }
            catch (PromptTemplateException exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }

    public static IHostApplicationBuilder AddAnswers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnswerOptions>().BindConfiguration(AnswerOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => File.Exists(Path.Combine(o.ResolvedPromptsPath, LlmAnswerer.PromptName, "skprompt.txt")),
                "Bot:Answers:PromptsPath: no prompt templates (answer/skprompt.txt) there; point it at the repository's prompts folder")
            .ValidateOnStart();
        // An edited prompt that does not load stops the bot at start, saying what is wrong, not at the first question.
        builder.Services.AddSingleton<IValidateOptions<AnswerOptions>, PromptsLoad>();
        builder.Services.AddSingleton<ExtractiveAnswerer>();
        builder.Services.AddSingleton<AnswerEvaluator>();
        builder.Services.AddSingleton(services => PromptLibrary.Load(services.GetRequiredService<IOptions<AnswerOptions>>().Value.ResolvedPromptsPath));
        builder.Services.AddSingleton<SummaryStore>();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<AnswerService>();
        builder.Services.AddSingleton<LlmAnswerer>();
        builder.Services.AddSingleton<QueryRewriter>();
        builder.Services.AddSingleton<LlmSummarizer>();
        builder.Services.AddSingleton<SummaryService>();
        // The library as tools: every kernel gets the plugin; only the answer prompt offers it to the model.
        builder.Services.AddSingleton<PapersPlugin>();
        builder.Services.AddSingleton(services => KernelPluginFactory.CreateFromObject(services.GetRequiredService<PapersPlugin>(), PapersPlugin.Name));
        builder.Services.AddSingleton<IAutoFunctionInvocationFilter, ToolRoundLimit>();
        return builder;
    }
}
