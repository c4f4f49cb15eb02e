using Bot.Hosting;
using Bot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Support;

/// <summary>
/// The real host with every service, over a store file in its own temp folder, a hand-set clock and,
/// when asked, the fake embedding model. Deletes the folder when disposed.
/// </summary>
internal sealed class TestStore : IDisposable
{
    private readonly TempDirectory _directory;
    private readonly IHost _host;

    private TestStore(TempDirectory directory, IHost host, FakeTimeProvider clock, FakeEmbeddingGenerator? embeddings)
    {
        _directory = directory;
        _host = host;
        Clock = clock;
        Embeddings = embeddings;
    }

    public string Folder => _directory.Path;

    public string DatabasePath => _directory.File("bot.db");

    public FakeTimeProvider Clock { get; }

    public FakeEmbeddingGenerator? Embeddings { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="services">Registrations that win over the host's (another clock, a log sink).</param>
    public static TestStore Create(bool withEmbeddings = false, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var directory = new TempDirectory();
        var builder = BotHost.CreateBuilder(directory.File("bot.db"), worker: false);
        // The real models have tests of their own; here the fake model, or none, keeps tests fast.
        // With the fake model each paper is embedded whole ("first"), so a test knows the exact vector.
        builder.Configuration.AddInMemoryCollection([new("Bot:Embeddings:Provider", "none"), new("Bot:Embeddings:Pooling:Strategy", "first")]);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        var clock = new FakeTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var embeddings = withEmbeddings ? new FakeEmbeddingGenerator() : null;
        if (embeddings is not null)
        {
            builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embeddings);
        }
        services?.Invoke(builder.Services);
        return new TestStore(directory, builder.Build(), clock, embeddings);
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Writes a file into the test's folder and returns its path.</summary>
    public string WriteFile(string name, string content) => _directory.Write(name, content);

    /// <summary>A connection of the test's own, outside the services under test.</summary>
    public SqliteConnection OpenRaw() => StoreProbe.Open(DatabasePath);

    public void Dispose()
    {
        _host.Dispose();
        _directory.Dispose();
    }
}
