using Bot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Bench;

/// <summary>The bot's own host over a bench store, optionally with a stand-in embedding model.</summary>
public static class BenchHost
{
    /// <param name="seed">Seeds the host's <see cref="Random"/>, so that a run with one worker is repeatable (rankings draw negative samples from it).</param>
    public static IHost Build(string storePath, IEmbeddingGenerator<string, Embedding<float>>? generator, int? seed = null)
    {
        var builder = BotHost.CreateBuilder(storePath, worker: false);
        // Synthetic papers are embedded whole, so their stored model id is SyntheticStore.ModelIdFor.
        builder.Configuration.AddInMemoryCollection([new("Bot:Embeddings:Pooling:Strategy", "first")]);
        if (generator is null)
        {
            builder.Configuration.AddInMemoryCollection([new("Bot:Embeddings:Provider", "none")]);
        }
        if (generator is not null)
        {
            // ActiveEmbeddingModel takes whatever generator the container holds, as a real model would be registered.
            builder.Services.AddSingleton(generator);
        }
        if (seed is { } value)
        {
            builder.Services.AddSingleton(new Random(value));
        }
        return builder.Build();
    }

    /// <summary>A store file under the temp folder that does not exist yet.</summary>
    public static string TempStorePath(string label) =>
        Path.Combine(Path.GetTempPath(), $"bot-bench-{label}-{Guid.NewGuid():N}.db");

    /// <summary>Deletes a store file and its WAL companions, after closing pooled connections to it.</summary>
    public static void DeleteStore(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
