using System.CommandLine;
using Bot.Answers;
using Bot.Cli;
using Bot.Commands;
using Bot.Console;
using Bot.Digests;
using Bot.Discord;
using Bot.Embeddings;
using Bot.Inbox;
using Bot.Llm;
using Bot.Recommendations;
using Bot.Recommendations.Daily;
using Bot.Search;
using Bot.Store;
using Microsoft.Extensions.Hosting;

namespace Bot;

/// <summary>
/// The bot's verbs and the features they run on. Each file under Cli/ builds one verb; each feature
/// registers itself from its own folder (<c>AddSearch</c> in Search/, and so on); Hosting/ builds the host.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Research digest bot: ingest daily paper digests, search them, serve them in chat.")
        {
            CliOptions.Database,
            CliOptions.Json,
            ServeVerb.Create(),
            IngestVerb.Create(),
            SearchVerb.Create(),
            PaperVerb.Create(),
            StatusVerb.Create(),
            EvalVerb.Create(),
            EmbedVerb.Create(),
            BenchVerb.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }

    /// <summary>Every verb's host has the features; <c>serve</c> adds the long-running parts and one front end.</summary>
    public static IHostApplicationBuilder AddFeatures(this IHostApplicationBuilder builder, bool worker)
    {
        builder.AddStore()
            .AddDigests()
            .AddEmbeddings()
            .AddSearch()
            .AddLanguageModel()
            .AddAnswers()
            .AddRecommendations()
            .AddDailyPosts()
            .AddBotCommands();
        if (!worker)
        {
            return builder;
        }
        builder.AddEmbeddingBackfill()
            .AddInbox();
        // The chat front end: Discord when a bot token is configured, the local console otherwise.
        if (builder.HasDiscordToken())
        {
            builder.AddDiscord();
        }
        else
        {
            builder.AddConsole();
        }
        return builder.AddDailyScheduler();
    }
}
