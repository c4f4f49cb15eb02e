using System.Reflection;
using System.Text.RegularExpressions;
using Bot.Discord.Gateway;
using Bot.Discord.Rest;
using Bot.Hosting;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Architecture;

/// <summary>
/// Each feature registers itself from its own folder, Hosting/ only builds the host, the clock and the
/// randomness are registered once there, and features read options rather than configuration values.
/// </summary>
public sealed partial class RegistrationTests
{
    private static readonly string Source = Path.Combine(TestPaths.RepoRoot, "src", "Bot");

    [Theory]
    [InlineData("AddStore", "Bot.Store")]
    [InlineData("AddDigests", "Bot.Digests")]
    [InlineData("AddEmbeddings", "Bot.Embeddings")]
    [InlineData("AddSearch", "Bot.Search")]
    [InlineData("AddLanguageModel", "Bot.Llm")]
    [InlineData("AddAnswers", "Bot.Answers")]
    [InlineData("AddRecommendations", "Bot.Recommendations")]
    [InlineData("AddDailyPosts", "Bot.Recommendations.Daily")]
    [InlineData("AddBotCommands", "Bot.Commands")]
    [InlineData("AddInbox", "Bot.Inbox")]
    [InlineData("AddDiscord", "Bot.Discord")]
    [InlineData("AddConsole", "Bot.Console")]
    public void Feature_RegistersItselfFromItsOwnFolder(string method, string featureNamespace)
    {
        var declared = Registrations().Where(m => m.Name == method).ToList();

        var registration = Assert.Single(declared);
        Assert.Equal(featureNamespace, registration.DeclaringType!.Namespace);
    }

    [Fact]
    public void Hosting_RegistersNoFeatureOfItsOwn()
    {
        var inHosting = Registrations().Where(m => m.DeclaringType!.Namespace == "Bot.Hosting").Select(m => m.Name).ToList();

        Assert.Empty(inHosting);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void CreateBuilder_AnyVerb_RegistersTheClockAndRandomnessOnce(bool worker, bool discord)
    {
        using var folder = new TempDirectory();

        var builder = BotHost.CreateBuilder(folder.File("bot.db"), worker, Settings(folder, discord));

        Assert.Single(builder.Services, s => s.ServiceType == typeof(TimeProvider));
        Assert.Single(builder.Services, s => s.ServiceType == typeof(Random));
    }

    [Fact]
    public void ServeWithDiscord_RetriesAndReconnects_DrawJitterFromTheHostsRandom()
    {
        using var folder = new TempDirectory();
        var builder = BotHost.CreateBuilder(folder.File("bot.db"), worker: true, Settings(folder, discord: true));
        // The lowest jitter: each delay is exactly half its exponential step, which no other Random gives reliably.
        builder.Services.AddSingleton<Random>(new FixedRandom(0.0));

        using var host = builder.Build();

        Assert.Equal(TimeSpan.FromMilliseconds(500), host.Services.GetRequiredService<DiscordRetryPolicy>().Backoff(1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), host.Services.GetRequiredService<ReconnectBackoff>().Next());
    }

    [Fact]
    public void FeatureCode_ReadsOptions_NotConfigurationValues()
    {
        var offenders = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => ConfigurationValue().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Source, f))
            // The host adds the --db path to configuration; it reads nothing back.
            .Where(f => f != Path.Combine("Hosting", "BotHost.cs"))
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("var token = builder.Configuration[\"Bot:Discord:Token\"];")]
    [InlineData("var path = configuration.GetValue<string>(\"Bot:Store:Path\");")]
    public void ConfigurationValue_RecognisesAReadOfOneSetting(string code)
    {
        Assert.Matches(ConfigurationValue(), code);
    }

    [Fact]
    public void ConfigurationValue_IgnoresOtherGetValueCalls()
    {
        Assert.DoesNotMatch(ConfigurationValue(), "var response = result.GetValue<ChatResponse>();");
    }

    private static Dictionary<string, string?> Settings(TempDirectory folder, bool discord) => new()
    {
        ["Bot:Discord:Token"] = discord ? "token" : "",
        ["Bot:Embeddings:Provider"] = "none",
        ["Bot:Inbox:Path"] = folder.File("inbox"),
        ["Bot:Inbox:SamplesPath"] = "",
    };

    /// <summary>Every extension method on the host builder in the bot: the features' registrations.</summary>
    private static IEnumerable<MethodInfo> Registrations() =>
        typeof(BotHost).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("Add", StringComparison.Ordinal)
                && m.GetParameters() is [var first, ..] && first.ParameterType == typeof(IHostApplicationBuilder));

    [GeneratedRegex(@"\b[Cc]onfiguration\s*\[|\b[Cc]onfiguration\.GetValue<")]
    private static partial Regex ConfigurationValue();
}
