using System.CommandLine;
using Bot.Bench;
using Bot.Search;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Cli;

/// <summary>
/// <c>bench ingest</c> and <c>bench search</c>: the benchmarks behind docs/benchmarks.md. Progress goes to
/// standard error, the result to standard output (a table, or one JSON object with <c>--json</c>).
/// </summary>
public static partial class BenchVerb
{
    public static Command Create() =>
        new("bench", "Measure ingest, embedding, search and recommendation speed, or soak the inbox (a benchmark, not a test; see docs/benchmarks.md)") { Ingest(), Embed(), Search(), Recommend(), Soak() };

    private static Option<string> Digests() => new("--digests")
    {
        Description = "Folder of real digests (ingested by 'bench ingest', the vocabulary of 'bench search')",
        DefaultValueFactory = _ => "../shared/digests",
    };

    private static Command Ingest()
    {
        var repeat = new Option<int>("--repeat") { Description = "How many fresh stores to ingest into", DefaultValueFactory = _ => 5 };
        var digests = Digests();
        var command = new Command("ingest", "Time ingesting a folder of digests into a fresh temporary store") { repeat, digests };
        command.SetAction((parse, ct) => RunAsync(parse, async json =>
        {
            if (parse.GetValue(repeat) < 1)
            {
                return VerbHost.Fail(json, "--repeat must be at least 1", 2);
            }
            var result = await IngestBenchmark.RunAsync(parse.GetValue(digests)!, parse.GetValue(repeat), Progress, ct);
            System.Console.Out.WriteLine(json ? CliJsonContext.Serialize(result) : BenchTables.Ingest(result));
            return 0;
        }));
        return command;
    }

    private static Command Embed()
    {
        var repeat = new Option<int>("--repeat") { Description = "How many times to embed every paper", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Papers whose windows go to the model in one call, as ingest's Bot:Embeddings:BatchSize (the model batches them by Bot:Embeddings:ModelBatchSize)", DefaultValueFactory = _ => 64 };
        var digests = Digests();
        var eval = new Option<string>("--eval") { Description = "Judged queries, embedded one at a time", DefaultValueFactory = _ => "../shared/eval/dev-search.jsonl" };
        var command = new Command("embed", "Time embedding the papers of a folder of digests, and single queries, with the configured model and pooling") { repeat, batch, digests, eval };
        command.SetAction((parse, ct) => RunAsync(parse, async json =>
        {
            if (parse.GetValue(repeat) < 1 || parse.GetValue(batch) < 1)
            {
                return VerbHost.Fail(json, "--repeat and --batch must be at least 1", 2);
            }
            var path = BenchHost.TempStorePath("embed");
            try
            {
                using var host = Hosting.BotHost.CreateBuilder(path, worker: false).Build();
                var model = host.Services.Get<Embeddings.ActiveEmbeddingModel>();
                var result = await EmbedBenchmark.RunAsync(model, parse.GetValue(digests)!, parse.GetValue(eval)!, parse.GetValue(repeat), parse.GetValue(batch), Progress, ct);
                System.Console.Out.WriteLine(json ? CliJsonContext.Serialize(result) : BenchTables.Embed(result));
                return 0;
            }
            finally
            {
                BenchHost.DeleteStore(path);
            }
        }));
        return command;
    }

    private static Command Search()
    {
        var papers = new Option<int>("--papers") { Description = "Synthetic papers in the store", DefaultValueFactory = _ => 10_000 };
        var queries = new Option<int>("--queries") { Description = "Queries per mode: the dev queries, topped up with generated ones", DefaultValueFactory = _ => 200 };
        var dimensions = new Option<int>("--dimensions") { Description = "Vector dimensions (all-MiniLM-L6-v2's 384 by default)", DefaultValueFactory = _ => 384 };
        var limit = new Option<int>("--limit") { Description = "Results per query (1-50)", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed queries per mode before timing", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic papers and queries", DefaultValueFactory = _ => 42 };
        var keep = new Option<bool>("--keep") { Description = "Keep a store this run built (with --db, to reuse it next time)" };
        var eval = new Option<string>("--eval") { Description = "Judged queries whose wording is used", DefaultValueFactory = _ => "../shared/eval/dev-search.jsonl" };
        var digests = Digests();
        var command = new Command("search", "Time BM25, vector and hybrid search over a synthetic store (built, or reused with --db)")
        {
            papers, queries, dimensions, limit, warmup, seed, keep, eval, digests,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async json =>
        {
            if (parse.GetValue(papers) < 1 || parse.GetValue(dimensions) is < 1 or > 4096 || parse.GetValue(limit) is < 1 or > 50
                || parse.GetValue(queries) < 1 || parse.GetValue(warmup) < 0)
            {
                return VerbHost.Fail(json, "need --papers ≥ 1, --dimensions 1-4096, --limit 1-50, --queries ≥ 1, --warmup ≥ 0", 2);
            }
            var vocabulary = ZipfVocabulary.FromDigests(parse.GetValue(digests)!);
            return await WithSyntheticStoreAsync(parse, "search", vocabulary, parse.GetValue(papers), parse.GetValue(dimensions), parse.GetValue(seed), parse.GetValue(keep),
                async (host, store, _) =>
                {
                    var texts = BenchQueries.Create(parse.GetValue(eval)!, vocabulary, parse.GetValue(queries), parse.GetValue(seed));
                    var benchmark = new SearchBenchmark(host.Services.Get<SearchService>(), host.Services.Get<VectorIndexCache>());
                    var result = await benchmark.RunAsync(store, texts, parse.GetValue(limit), parse.GetValue(warmup), ct);
                    System.Console.Out.WriteLine(json ? CliJsonContext.Serialize(result) : BenchTables.Search(result));
                    return 0;
                });
        }));
        return command;
    }

    /// <summary>
    /// Runs a benchmark over a synthetic store: the one at <c>--db</c> when it exists (reused), else one built
    /// for the run, which is deleted afterwards unless <paramref name="keep"/> says otherwise.
    /// </summary>
    private static async Task<int> WithSyntheticStoreAsync(ParseResult parse, string name, ZipfVocabulary vocabulary, int papers, int dimensions, int seed, bool keep,
        Func<Microsoft.Extensions.Hosting.IHost, SyntheticStoreInfo, SyntheticEmbeddingGenerator, Task<int>> run)
    {
        var path = parse.GetValue(CliOptions.Database) ?? BenchHost.TempStorePath($"{name}-{papers}");
        var created = !File.Exists(path);
        try
        {
            var generator = new SyntheticEmbeddingGenerator(SyntheticStore.GeneratorIdFor(dimensions), dimensions);
            using var host = BenchHost.Build(path, generator, seed);
            var store = new SyntheticStore(host.Services.Get<SqliteDatabase>(), vocabulary, Progress).Ensure(papers, dimensions, seed);
            Progress(store.Reused ? $"reusing {store.Path}" : $"built {store.Path} in {store.BuildSeconds:F1} s");
            return await run(host, store, generator);
        }
        finally
        {
            if (created && !keep)
            {
                BenchHost.DeleteStore(path);
            }
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<bool, Task<int>> bench)
    {
        var json = parse.GetValue(CliOptions.Json);
        try
        {
            return await bench(json);
        }
        catch (Exception exception) when (exception is BenchException or EvaluationDataException or Microsoft.Data.Sqlite.SqliteException
            or IOException or UnauthorizedAccessException)
        {
            return VerbHost.Fail(json, exception.Message, 1);
        }
        catch (Embeddings.EmbeddingModelException exception)
        {
            return VerbHost.Fail(json, $"embedding model: {exception.Message}", 2);
        }
        catch (OptionsValidationException exception)
        {
            return VerbHost.Fail(json, $"configuration: {string.Join("; ", exception.Failures)}", 2);
        }
    }

    private static void Progress(string message) => System.Console.Error.WriteLine($"bench: {message}");
}
