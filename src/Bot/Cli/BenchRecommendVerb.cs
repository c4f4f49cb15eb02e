using System.CommandLine;
using Bot.Bench;
using Bot.Recommendations;
using Bot.Store;

namespace Bot.Cli;

/// <summary><c>bench recommend</c>: a daily run of picks for many synthetic users over a synthetic store.</summary>
public static partial class BenchVerb
{
    private static Command Recommend()
    {
        var papers = new Option<int>("--papers") { Description = "Synthetic papers in the store", DefaultValueFactory = _ => 100_000 };
        var users = new Option<int>("--users") { Description = "Synthetic users to pick for", DefaultValueFactory = _ => 10_000 };
        var picks = new Option<int>("--picks") { Description = "Picks per user", DefaultValueFactory = _ => 5 };
        var dimensions = new Option<int>("--dimensions") { Description = "Vector dimensions (all-MiniLM-L6-v2's 384 by default)", DefaultValueFactory = _ => 384 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic papers and users", DefaultValueFactory = _ => 42 };
        var newDays = new Option<int>("--new-days")
        {
            Description = "Pick only among papers of the newest N digest days, as daily posts pick among new papers (0: every candidate)",
            DefaultValueFactory = _ => 0,
        };
        var workers = new Option<int>("--workers") { Description = "Users ranked at once (1: one at a time, repeatable with --seed)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var batch = new Option<int>("--batch") { Description = "Users ranked together in one pass over the candidates' vectors (1: each alone)", DefaultValueFactory = _ => RecommendBenchmark.DefaultBatch };
        var picksOut = new Option<string?>("--picks-out") { Description = "Write each user's picks (paper row ids, best first) to this file, to compare two builds" };
        var keep = new Option<bool>("--keep") { Description = "Keep a store this run built (with --db, to reuse it next time)" };
        var digests = Digests();
        var command = new Command("recommend", "Time daily picks for many users over a synthetic store (built, or reused with --db)")
        {
            papers, users, picks, dimensions, seed, newDays, workers, batch, picksOut, keep, digests,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async json =>
        {
            if (parse.GetValue(papers) < 1 || parse.GetValue(users) < 1 || parse.GetValue(picks) is < 1 or > 25 || parse.GetValue(dimensions) is < 1 or > 4096
                || parse.GetValue(newDays) < 0 || parse.GetValue(workers) < 1 || parse.GetValue(batch) < 1)
            {
                return VerbHost.Fail(json, "need --papers ≥ 1, --users ≥ 1, --picks 1-25, --dimensions 1-4096, --new-days ≥ 0, --workers ≥ 1, --batch ≥ 1", 2);
            }
            var vocabulary = ZipfVocabulary.FromDigests(parse.GetValue(digests)!);
            return await WithSyntheticStoreAsync(parse, "recommend", vocabulary, parse.GetValue(papers), parse.GetValue(dimensions), parse.GetValue(seed), parse.GetValue(keep),
                async (host, store, generator) =>
                {
                    var options = host.Services.Get<Microsoft.Extensions.Options.IOptions<RecommendationOptions>>().Value;
                    var written = new SyntheticUsers(host.Services.Get<SqliteDatabase>(), vocabulary, generator)
                        .Write(parse.GetValue(users), store.ModelId, options.MaxCandidates, parse.GetValue(seed));
                    Progress($"wrote {written.Users:N0} users in {written.Guilds:N0} servers: {written.Interests:N0} interests, {written.Feedback:N0} feedback, {written.Seen:N0} shown");
                    var benchmark = new RecommendBenchmark(host.Services.Get<Recommender>(), host.Services.Get<UserSignalStore>(), host.Services.Get<CandidatePoolCache>());
                    var result = await benchmark.RunAsync(store, written, parse.GetValue(picks), parse.GetValue(newDays), parse.GetValue(workers), parse.GetValue(batch), parse.GetValue(picksOut), ct);
                    System.Console.Out.WriteLine(json ? CliJsonContext.Serialize(result) : BenchTables.Recommend(result));
                    return 0;
                });
        }));
        return command;
    }
}
