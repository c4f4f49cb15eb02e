using System.CommandLine;
using Bot.Cli;

namespace Bot;

/// <summary>The bot's verbs. Each file under Cli/ builds one; the features they use live in their own folders.</summary>
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
}
