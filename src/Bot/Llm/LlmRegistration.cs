using System.ClientModel;
using System.ClientModel.Primitives;
using Bot.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI;

namespace Bot.Llm;

/// <summary>
/// Access to the language model: its options, the daily token budgets, and, when <c>Bot:Llm:Endpoint</c>
/// and <c>Bot:Llm:Model</c> are set, an <see cref="IChatClient"/> over the OpenAI SDK for any
/// OpenAI-compatible endpoint, with this bot's own timeouts and retries on the injected clock and
/// Semantic Kernel's function invocation above them, and a <see cref="Kernel"/> over that client.
/// What the model is asked, and what is made of its replies, is <c>Answers/</c>'s.
/// </summary>
public static class LlmRegistration
{
    public static IHostApplicationBuilder AddLanguageModel(this IHostApplicationBuilder builder)
    {
        // A key in appsettings.json ends up committed sooner or later: refuse it there.
        var keyInFile = builder.Configuration is IConfigurationRoot root && root.Providers.OfType<JsonConfigurationProvider>()
            .Any(p => p.TryGet(LlmOptions.Section + ":ApiKey", out var key) && !string.IsNullOrEmpty(key));
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .Validate(_ => !keyInFile, "Bot:Llm:ApiKey is set in appsettings.json: remove it and set Bot__Llm__ApiKey in the environment or with dotnet user-secrets")
            .Validate(o => !o.IsConfigured || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Bot:Llm:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1")
            .Validate(o => o.ApiKeyHeader is "Authorization" or "api-key", "Bot:Llm:ApiKeyHeader must be Authorization or api-key")
            .Validate(o => o.MaxAnswerCharacters >= o.MaxAnswerTokens * TokenEstimate.CharactersPerToken,
                "Bot:Llm:MaxAnswerCharacters must be at least four characters for each of Bot:Llm:MaxAnswerTokens, or every full-length answer is cut off")
            .Validate(o => BudgetClock.TryFindZone(o.BudgetTimeZone) is not null, "Bot:Llm:BudgetTimeZone is not a known time zone id")
            .ValidateOnStart();
        builder.Services.AddSingleton<TokenUsageStore>();
        builder.Services.AddSingleton<TokenBudget>();
        // Chosen when first needed rather than here, so settings added after registration (tests, hosts) still count.
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
            if (!options.IsConfigured)
            {
                return new LanguageModel(null, "");
            }
            var clock = services.GetRequiredService<TimeProvider>();
            var resilient = new ResilientChatClient(
                CreateOpenAiClient(options),
                clock,
                new RetryDelays(services.GetRequiredService<Random>(), clock, TimeSpan.FromSeconds(options.RetryBaseSeconds)),
                TimeSpan.FromSeconds(options.TimeoutSeconds),
                options.MaxRetries,
                services.GetRequiredService<ILogger<ResilientChatClient>>());
            // Without Semantic Kernel's function invocation the tools are sent but never run. It sits above
            // the retries, so each request to the endpoint is timed and retried on its own.
            var chat = new ChatClientBuilder(resilient)
                .UseKernelFunctionInvocation()
                .Build(services);
            return new LanguageModel(chat, options.Model) { Host = new Uri(options.Endpoint).Authority };
        });
        // The kernel finds the chat client here; it is asked for only when a model is configured.
        builder.Services.AddSingleton(services => services.GetRequiredService<LanguageModel>().Required);
        builder.Services.AddSingleton<ModelCallLog>();
        builder.Services.AddSingleton<IFunctionInvocationFilter>(services => services.GetRequiredService<ModelCallLog>());
        builder.Services.AddSingleton<IPromptRenderFilter>(services => services.GetRequiredService<ModelCallLog>());
        // Transient, as Semantic Kernel advises: each kernel takes the plugins and filters registered here.
        builder.Services.AddTransient(services => new Kernel(new KernelServices(services)));
        return builder;
    }

    private static IChatClient CreateOpenAiClient(LlmOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint),
            // Retries and timeouts are ResilientChatClient's, on the injected clock; the SDK's own
            // network timeout is only a backstop for a connection that hangs outright.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds * 2 + 30),
        };
        // Local servers (Ollama, llama.cpp, LM Studio) take any key; the SDK insists on one.
        var key = string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey;
        if (options.ApiKeyHeader == "api-key")
        {
            clientOptions.AddPolicy(new ApiKeyHeaderPolicy(key), PipelinePosition.BeforeTransport);
        }
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    /// <summary>Azure OpenAI takes the key in an <c>api-key</c> header; it runs after the SDK's bearer policy and removes that header.</summary>
    private sealed class ApiKeyHeaderPolicy(string key) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Swap(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        private void Swap(PipelineMessage message)
        {
            message.Request.Headers.Remove("Authorization");
            message.Request.Headers.Set("api-key", key);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Swap(message);
            await ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
