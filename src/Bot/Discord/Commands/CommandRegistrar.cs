using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Commands;

/// <summary>
/// Registers <see cref="CommandCatalog"/> by bulk overwrite, globally or to <c>Bot:Discord:GuildId</c>,
/// only when the catalog differs from what was last registered there: the store remembers a hash per
/// target, so restarts and Ready events do not re-register (Discord limits command creation per day).
/// </summary>
public sealed partial class CommandRegistrar(
    DiscordRestClient rest, FrontEndState state, Bot.Commands.Declarations.CommandSet declared, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
{
    /// <returns>True when the commands were (re)registered.</returns>
    public async Task<bool> EnsureRegisteredAsync(string applicationId, CancellationToken cancellationToken)
    {
        var guildId = options.Value.GuildId;
        var target = string.IsNullOrWhiteSpace(guildId) ? "global" : $"guild:{guildId}";
        var commands = CommandCatalog.For(declared).ToArray();
        var hash = Hash(applicationId, commands);
        var key = $"discord:commands:{target}";
        if (state.Get(key) == hash)
        {
            LogUnchanged(target);
            return false;
        }
        if (target == "global")
        {
            await rest.BulkOverwriteGlobalCommandsAsync(applicationId, commands, cancellationToken);
        }
        else
        {
            await rest.BulkOverwriteGuildCommandsAsync(applicationId, guildId, commands, cancellationToken);
        }
        state.Set(key, hash);
        LogRegistered(commands.Length, target);
        return true;
    }

    private static string Hash(string applicationId, ApplicationCommand[] commands)
    {
        var json = JsonSerializer.Serialize(commands, DiscordJsonContext.Default.ApplicationCommandArray);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(applicationId + "\n" + json)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} slash commands ({Target})")]
    private partial void LogRegistered(int count, string target);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slash commands unchanged ({Target}); not registering")]
    private partial void LogUnchanged(string target);
}
