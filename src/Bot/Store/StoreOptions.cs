using System.ComponentModel.DataAnnotations;

namespace Bot.Store;

/// <summary>Settings of the paper store, bound from <c>Bot:Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Bot:Store";

    /// <summary>The SQLite file; relative paths are resolved against the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data/bot.db";

    /// <summary>How long a writer waits for another writer's lock before giving up.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMs { get; set; } = 30_000;
}
