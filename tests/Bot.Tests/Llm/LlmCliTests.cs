using Bot.Answers;
using System.Text.Json;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

/// <summary>The real CLI pointed at a language model through environment variables, as the README shows.</summary>
public sealed class LlmCliTests
{
    [Fact]
    public async Task EvalAnswers_LlmFromEnvironment_RunsInLlmModeAndNeverPrintsTheKey()
    {
        using var folder = new TempDirectory();
        await using var server = await FakeChatServer.StartAsync();
        server.Script(ChatReply.Text("The first paper answers this [1]."));
        var database = folder.File("bot.db");
        var environment = new Dictionary<string, string>
        {
            ["Bot__Llm__Endpoint"] = server.Endpoint,
            ["Bot__Llm__Model"] = LlmHarness.Model,
            ["Bot__Llm__ApiKey"] = LlmHarness.ApiKey,
        };
        var ingest = await BotCli.RunAsync(folder.Path, ["ingest", TestPaths.SharedDigests, "--db", database]);
        Assert.True(ingest.ExitCode == 0, ingest.StdErr);

        var result = await BotCli.RunAsync(folder.Path,
            ["eval", "answers", Path.Combine(TestPaths.SharedEval, "dev-questions.jsonl"), "--json", "--db", database], environment: environment);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Equal("llm", json.RootElement.GetProperty("mode").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("questions").GetInt32());
        Assert.Equal(5, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + LlmHarness.ApiKey, r.Header("Authorization")));
        Assert.DoesNotContain(LlmHarness.ApiKey, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_KeyInAppSettings_IsRefusedWithoutEchoingIt()
    {
        using var folder = new TempDirectory();
        folder.Write("appsettings.json", """{ "Bot": { "Llm": { "ApiKey": "sk-committed-by-mistake-42" } } }""");

        var result = await BotCli.RunAsync(folder.Path, ["status", "--db", folder.File("bot.db")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Bot:Llm:ApiKey is set in appsettings.json", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-committed-by-mistake-42", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }
}
