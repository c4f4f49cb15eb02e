using Bot.Answers;
using Bot.Llm;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Llm;

public sealed class LlmRegistrationTests
{
    [Fact]
    public void LanguageModel_NoEndpoint_IsNotConfiguredAndAnswersStayExtractive()
    {
        using var store = TestStore.Create();

        Assert.False(store.Get<LanguageModel>().IsConfigured);
        Assert.False(store.Get<Bot.Answers.AnswerService>().UsesLanguageModel);
        Assert.Contains(store.Get<Bot.Commands.BotCommands>().Status().Items, i => i.Title == "Language model" && i.Text.StartsWith("none", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_WithLlm_NamesTheModelAndHostButNeverTheKey()
    {
        await using var harness = await LlmHarness.StartAsync();

        var status = Bot.Console.ReplyRenderer.Render(harness.Commands.Status());

        Assert.Contains($"{LlmHarness.Model} at 127.0.0.1:", status, StringComparison.Ordinal);
        Assert.DoesNotContain(LlmHarness.ApiKey, status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageModel_AzureKeyHeader_SendsApiKeyAndNoBearerToken()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:ApiKeyHeader"] = "api-key" });
        harness.Server.Script(ChatReply.Text("Merging works [1]."));

        await harness.Answers.AnswerAsync("model merging", LlmHarness.User(), CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal(LlmHarness.ApiKey, request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
    }

    [Theory]
    [InlineData("Endpoint", "not a url")]
    [InlineData("ApiKeyHeader", "X-Key")]
    [InlineData("BudgetTimeZone", "Mars/Olympus_Mons")]
    // Below four characters per token of MaxAnswerTokens (400), every full-length answer would be cut off.
    [InlineData("MaxAnswerCharacters", "1000")]
    public void Options_BadValue_FailsValidationNamingTheKey(string key, string value)
    {
        using var store = TestStore.Create(settings: new Dictionary<string, string?>
        {
            ["Bot:Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Bot:Llm:Model"] = "m",
            ["Bot:Llm:" + key] = value,
        });

        var error = Assert.Throws<OptionsValidationException>(() => store.Get<IOptions<LlmOptions>>().Value);

        Assert.Contains("Bot:Llm:" + key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_EditedPromptThatDoesNotLoad_FailsValidationSayingWhatIsWrong()
    {
        using var folder = new TempDirectory();
        var prompts = Path.Combine(folder.Path, "prompts");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "prompts"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(prompts, Path.GetRelativePath(Path.Combine(TestPaths.RepoRoot, "prompts"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.WriteAllText(Path.Combine(prompts, "answer", "skprompt.txt"), File.ReadAllText(Path.Combine(prompts, "answer", "skprompt.txt")).Replace("{{$question}}", "{{question}}", StringComparison.Ordinal));
        using var store = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Answers:PromptsPath"] = prompts });

        var error = Assert.Throws<OptionsValidationException>(() => store.Get<IOptions<Bot.Answers.AnswerOptions>>().Value);

        Assert.Contains("Prompt 'answer': {{question}} is read as a function call; write variables as {{$question}}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetClock_OtherTimeZone_StartsTheDayAtItsMidnight()
    {
        var clock = new Bot.Tests.Fakes.FakeTimeProvider(new DateTimeOffset(2024, 5, 6, 22, 30, 0, TimeSpan.Zero));
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");

        var day = new BudgetClock(clock, zone);

        Assert.Equal(new DateOnly(2024, 5, 7), day.Today);
        Assert.Equal(new DateTimeOffset(2024, 5, 7, 22, 0, 0, TimeSpan.Zero), day.NextReset);
    }
}
