using System.Text.Json;
using Bot.Recommendations;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary><c>eval recommend</c> and <c>bench recommend</c> as a user runs them.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class RecommendCliTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task EvalRecommend_JsonWithoutModel_EveryLexicalModeInTheDocumentedShape()
    {
        var database = _folder.File("bot.db");
        var environment = new Dictionary<string, string> { ["Bot__Embeddings__Provider"] = "none" };
        var ingest = await BotCli.RunAsync(_folder.Path, ["ingest", TestPaths.SharedDigests, "--db", database, "--json"], environment: environment);
        Assert.True(ingest.ExitCode == 0, ingest.StdErr);

        var result = await BotCli.RunAsync(_folder.Path,
            ["eval", "recommend", Path.Combine(TestPaths.SharedEval, "dev-users.jsonl"), "--db", database, "--json"], environment: environment);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        var modes = json.RootElement.GetProperty("modes");
        // Without a model there is no baseline (it is a cosine); the lexical modes still work.
        Assert.Equal(["interest", "likes", "both"], modes.EnumerateObject().Select(m => m.Name));
        foreach (var mode in modes.EnumerateObject())
        {
            Assert.Equal(["ndcg@10", "recall@10"], mode.Value.EnumerateObject().Select(p => p.Name));
            Assert.InRange(mode.Value.GetProperty("ndcg@10").GetDouble(), 0.3, 1.0);
        }
    }

    [Fact]
    public async Task BenchRecommend_SmallSyntheticStore_PicksForEveryUser()
    {
        var result = await BotCli.RunAsync(_folder.Path,
            ["bench", "recommend", "--papers", "1500", "--users", "40", "--picks", "3", "--dimensions", "32", "--digests", TestPaths.SharedDigests, "--json"]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        var root = json.RootElement;
        Assert.Equal(40, root.GetProperty("users").GetProperty("users").GetInt32());
        Assert.Equal(1500, root.GetProperty("candidates").GetInt32());
        Assert.Equal(3.0, root.GetProperty("mean_picks").GetDouble());
        Assert.Equal(40, root.GetProperty("per_user").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("new_papers").GetInt32());
        Assert.Equal(Int8Scan.KernelFor(32).ToString(), root.GetProperty("scan_kernel").GetString());
    }

    [Fact]
    public async Task BenchRecommend_NewDays_PicksOnlyAmongTheNewestDaysPapers()
    {
        // The synthetic store lists 100 papers a digest and 10 digests a day: one day is 1,000 papers.
        var result = await BotCli.RunAsync(_folder.Path,
            ["bench", "recommend", "--papers", "3000", "--users", "20", "--picks", "3", "--dimensions", "32", "--new-days", "1", "--digests", TestPaths.SharedDigests, "--json"]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Equal(1000, json.RootElement.GetProperty("new_papers").GetInt32());
        Assert.Equal(3.0, json.RootElement.GetProperty("mean_picks").GetDouble());
    }

    [Fact]
    public async Task BenchRecommend_OneWorkerBatchedOrOneByOne_SamePicksForEveryUser()
    {
        // One worker and the same seed: the same store, users and random draws, so a batch of users must get what each gets alone.
        var files = new List<string>();
        foreach (var batch in new[] { "1", "8" })
        {
            var picks = _folder.File($"picks-{batch}.tsv");
            var result = await BotCli.RunAsync(_folder.Path,
                ["bench", "recommend", "--papers", "1500", "--users", "30", "--picks", "3", "--dimensions", "32", "--workers", "1", "--batch", batch,
                 "--picks-out", picks, "--digests", TestPaths.SharedDigests, "--json"]);
            Assert.True(result.ExitCode == 0, result.StdErr);
            using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
            Assert.Equal(int.Parse(batch, System.Globalization.CultureInfo.InvariantCulture), json.RootElement.GetProperty("batch").GetInt32());
            files.Add(picks);
        }

        var oneByOne = File.ReadAllLines(files[0]);
        Assert.Equal(30, oneByOne.Length);
        Assert.All(oneByOne, line => Assert.Equal(3, line.Split('\t')[1].Split(',').Length));
        Assert.Equal(oneByOne, File.ReadAllLines(files[1]));
    }

    [Fact]
    public async Task BenchRecommend_BatchZero_RefusedWithAClearMessage()
    {
        var result = await BotCli.RunAsync(_folder.Path,
            ["bench", "recommend", "--papers", "100", "--users", "2", "--batch", "0", "--digests", TestPaths.SharedDigests, "--json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch", result.StdOut, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
