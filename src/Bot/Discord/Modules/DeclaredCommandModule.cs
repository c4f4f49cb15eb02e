using System.Text.Json;
using Bot.Commands;
using Bot.Commands.Declarations;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary>
/// Any declared command that needs no presentation of its own (buttons, paging, streaming): its options
/// read from the interaction and checked against the declaration as the console checks them, its
/// handler run, and its reply shown as an embed: in the channel for commands declared to post there,
/// otherwise only to the asker. Commands with a module of their own use that.
/// </summary>
public sealed class DeclaredCommandModule(IBotCommand command, DiscordRestClient rest) : ISlashCommand
{
    public string Name => command.Declaration.Name;

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: !command.Declaration.PostsInChannel), cancellationToken);
        var reply = Read(interaction, command.Declaration, out var request) is { } error
            ? CommandReply.Error(error)
            : await command.RunAsync(request!, cancellationToken);
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [reply.IsError ? ReplyEmbeds.Error(reply.Headline) : ReplyEmbeds.General(reply)]), cancellationToken);
    }

    /// <returns>An error to show, or null with the request read.</returns>
    internal static string? Read(Interaction interaction, CommandDeclaration declaration, out CommandRequest? request)
    {
        request = null;
        IReadOnlyList<InteractionDataOption> given = interaction.Data?.Options ?? [];
        string? subcommand = null;
        if (declaration.SubcommandList.Count > 0)
        {
            if (given is not [{ } chosen, ..] || declaration.Subcommand(chosen.Name) is not { } sub)
            {
                return $"/{declaration.Name} needs one of: {string.Join(", ", declaration.SubcommandList.Select(s => s.Name))}.";
            }
            subcommand = sub.Name;
            declaration = sub;
            given = chosen.Options ?? [];
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in declaration.OptionList.Where(o => o.Surfaces.HasFlag(Surfaces.Discord)))
        {
            if (given.FirstOrDefault(o => o.Name == option.Name)?.Value is not { } value)
            {
                if (option.Required)
                {
                    return $"/{declaration.Name} needs {option.Name}.";
                }
                continue;
            }
            var raw = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.GetRawText(),
            };
            if (!OptionValues.TryRead(option, raw, out var read, out var error))
            {
                return error;
            }
            values[option.Name] = read;
        }
        request = new CommandRequest(Askers.Of(interaction), subcommand, values);
        return null;
    }
}
