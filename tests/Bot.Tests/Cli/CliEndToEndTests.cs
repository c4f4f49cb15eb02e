using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>The bot as a user runs it: <c>dotnet bot.dll VERB ...</c>, JSON on standard output.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class CliEndToEndTests(CliFixture cli) : IClassFixture<CliFixture>
{
    [Fact]
    public void Ingest_SharedDigestsOnEmptyStore_PrintsOneJsonObjectWithCounts()
    {
        var result = cli.Ingest;

        Assert.True(result.ExitCode == 0, result.StdErr);
        var line = Assert.Single(result.StdOutLines);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        foreach (var key in new[] { "digests", "papers_new", "papers_existing", "warnings", "errors" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"no \"{key}\" in {line}");
        }
        Assert.Equal(3, root.GetProperty("digests").GetInt32());
        Assert.Equal(185, root.GetProperty("papers_new").GetInt32());
        Assert.Equal(37, root.GetProperty("papers_existing").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public void Search_JsonWithLimit_PrintsThatManyResults()
    {
        var result = cli.Run("search", "model merging", "--json", "--limit", "3");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Equal("bm25", json.RootElement.GetProperty("mode").GetString());
        var results = json.RootElement.GetProperty("results");
        Assert.Equal(3, results.GetArrayLength());
        var first = results[0];
        Assert.Matches("^[0-9a-f]{12}$", first.GetProperty("id").GetString());
        Assert.Contains("Merging", first.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        Assert.True(first.GetProperty("digests").GetArrayLength() > 0);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", first.GetProperty("first_seen").GetString());
    }

    [Fact]
    public void Search_TextOutput_ShowsResultsAsSlashSearchDoes_WeakMatchesMarked()
    {
        var good = cli.Run("search", "model merging", "--limit", "3");
        var nothingGood = cli.Run("search", "retrieval augmented generation", "--limit", "3");

        Assert.True(good.ExitCode == 0, good.StdErr);
        Assert.StartsWith("3 papers for \"model merging\"", good.StdOut, StringComparison.Ordinal);
        Assert.StartsWith("No paper matches \"retrieval augmented generation\" well; the closest 3:", nothingGood.StdOut, StringComparison.Ordinal);
        Assert.Contains("(Weak match: only ", nothingGood.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_SeveralWordsUnquoted_SearchesForThemAll()
    {
        var unquoted = cli.Run("search", "model", "merging", "--json", "--limit", "3");
        var quoted = cli.Run("search", "model merging", "--json", "--limit", "3");

        Assert.True(unquoted.ExitCode == 0, unquoted.StdErr);
        Assert.Equal(quoted.StdOut, unquoted.StdOut);
    }

    [Fact]
    public void Search_UnknownDigest_IsAnErrorNotZeroResults()
    {
        var result = cli.Run("search", "merging", "--digest", "no-such-digest");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--digest: no digest has the id or file name \"no-such-digest\"; stored: ", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOutLines);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("search", "merging")]
    [InlineData("paper", "Merging Models with Fisher-Weighted Averaging")]
    public async Task ReadingVerb_MistypedStorePath_SaysThereIsNoStoreAndCreatesNothing(params string[] verb)
    {
        using var folder = new TempDirectory();
        var missing = Path.Combine(folder.Path, "tpyo", "bot.db");

        var result = await BotCli.RunAsync(folder.Path, [.. verb, "--db", missing]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"no store at {missing}", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Fact]
    public void Search_QueriesOnStandardInput_PrintsOneJsonLinePerQueryInOrder()
    {
        var result = cli.RunWithInput("model merging\nadversarial transferability\nlearning rate scheduler\n", "search", "-", "--json", "--limit", "2");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOutLines;
        Assert.Equal(3, lines.Length);
        string[] expectedWords = ["merging", "adversarial", "learning rate"];
        for (var i = 0; i < 3; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var top = json.RootElement.GetProperty("results")[0].GetProperty("title").GetString();
            Assert.Contains(expectedWords[i], top, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Search_EmptyLineOnStandardInput_AnswersItWithAnErrorLineAndKeepsTheOrder()
    {
        var result = cli.RunWithInput("model merging\n\nadversarial transferability\n", "search", "-", "--json");

        Assert.Equal(1, result.ExitCode);
        var lines = result.StdOutLines;
        Assert.Equal(3, lines.Length);
        using var middle = JsonDocument.Parse(lines[1]);
        Assert.Contains("the query is empty", middle.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var last = JsonDocument.Parse(lines[2]);
        Assert.Contains("adversarial", last.RootElement.GetProperty("results")[0].GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("error: the query is empty", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_JsonById_HasAppearancesAndLinks()
    {
        var (id, appearances) = PaperWithLinksInTwoDigests();

        var result = cli.Run("paper", id, "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        var root = json.RootElement;
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.Equal(appearances, root.GetProperty("appearances").GetArrayLength());
        var appearance = root.GetProperty("appearances")[0];
        Assert.EndsWith(".txt", appearance.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.True(appearance.GetProperty("position").GetInt32() >= 1);
        var link = root.GetProperty("links")[0];
        Assert.StartsWith("http", link.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(link.GetProperty("kind").GetString()));
        Assert.True(string.CompareOrdinal(root.GetProperty("first_seen").GetString(), root.GetProperty("last_seen").GetString()) < 0);
    }

    [Fact]
    public void Status_Json_ReportsCountsAndModes()
    {
        var result = cli.Run("status", "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        var root = json.RootElement;
        Assert.Equal(185, root.GetProperty("papers").GetInt64());
        Assert.Equal(3, root.GetProperty("digests").GetInt64());
        Assert.Equal(222, root.GetProperty("appearances").GetInt64());
        Assert.Equal(["bm25"], root.GetProperty("search_modes").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("bm25", root.GetProperty("default_search_mode").GetString());
        Assert.StartsWith("none", root.GetProperty("embedding_model").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EvalSearch_Bm25Json_ReachesNdcgOfSeventyPercent()
    {
        var result = cli.Run("eval", "search", Path.Combine(TestPaths.SharedEval, "dev-search.jsonl"), "--mode", "bm25", "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        var bm25 = json.RootElement.GetProperty("modes").GetProperty("bm25");
        Assert.True(bm25.GetProperty("ndcg@10").GetDouble() >= 0.70, bm25.ToString());
        Assert.Equal(25, bm25.GetProperty("queries").GetInt32());
    }

    [Fact]
    public void EvalAnswers_Bm25Json_CitesTheRightPaperFirstEightyPercent()
    {
        var result = cli.Run("eval", "answers", Path.Combine(TestPaths.SharedEval, "dev-questions.jsonl"), "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.True(json.RootElement.GetProperty("cited_first").GetDouble() >= 0.8, json.RootElement.ToString());
        Assert.InRange(json.RootElement.GetProperty("keywords").GetDouble(), 0.0, 1.0);
        Assert.Equal(5, json.RootElement.GetProperty("questions").GetInt32());
        Assert.Equal("extractive", json.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public void EvalAnswers_TitleNotInStore_ExitsOneWithTheTitle()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("questions.jsonl", "{\"qid\": \"x1\", \"question\": \"what?\", \"paper\": \"No Such Paper Anywhere\", \"answer_keywords\": []}\n");

        var result = cli.Run("eval", "answers", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("x1: \"No Such Paper Anywhere\"", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--limit must be between 1 and 50", "search", "model merging", "--limit", "0")]
    [InlineData("--limit must be between 1 and 50", "search", "model merging", "--limit", "51")]
    [InlineData("unknown search mode 'foo'; use bm25, vector or hybrid", "search", "model merging", "--mode", "foo")]
    [InlineData("--since must be a date like 2024-05-06, not \"05/06/2024\".", "search", "model merging", "--since", "05/06/2024")]
    [InlineData("vector search needs an embedding model, and none is configured (Bot:Embeddings:Provider)", "search", "model merging", "--mode", "vector")]
    [InlineData("no-such-digest.txt: no such file or folder", "ingest", "no-such-digest.txt")]
    [InlineData("no-such-file.jsonl: no such file", "eval", "search", "no-such-file.jsonl")]
    [InlineData("no-such-file.jsonl: no such file", "eval", "answers", "no-such-file.jsonl")]
    [InlineData("abc", "search", "model merging", "--limit", "abc")]
    [InlineData("frobnicate", "frobnicate")]
    public void Run_WrongArgument_ExitsNonZeroWithClearMessageOnStandardError(string message, params string[] arguments)
    {
        var result = cli.Run(arguments);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_StoreFromNewerBuild_ExitsWithOneLineErrorAndJsonError()
    {
        using var folder = new TempDirectory();
        var database = folder.File("newer.db");
        using (var connection = StoreProbe.OpenCreate(database))
        {
            StoreProbe.Execute(connection, $"PRAGMA user_version = {Bot.Store.Migrations.Latest + 1};");
        }

        var result = await BotCli.RunAsync(folder.Path, ["status", "--json", "--db", database]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("newer than this build knows", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Contains($"schema version {Bot.Store.Migrations.Latest + 1}", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private (string Id, int Appearances) PaperWithLinksInTwoDigests()
    {
        using var connection = StoreProbe.Open(cli.Database);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.id, (SELECT count(*) FROM appearances a WHERE a.paper_rowid = p.rowid) AS n FROM papers p
            WHERE EXISTS (SELECT 1 FROM links l WHERE l.paper_rowid = p.rowid) AND n >= 2
            ORDER BY p.rowid LIMIT 1
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "the shared digests have no linked paper listed twice");
        return (reader.GetString(0), reader.GetInt32(1));
    }
}
