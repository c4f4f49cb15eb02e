using System.CommandLine;

namespace Bot.Cli;

/// <summary>Options every verb accepts.</summary>
public static class CliOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = "The SQLite store file (default: Bot:Store:Path, data/bot.db)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of text",
        Recursive = true,
    };

    public static readonly Option<string?> Mode = new("--mode")
    {
        Description = "bm25, vector or hybrid (default: hybrid when the active model has vectors, else bm25)",
    };
}
