using System.Text.Json;
using Bot.Discord.Commands;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Responders;

namespace Bot.Discord;

/// <summary>
/// READY: remember who the bot is, make sure the slash commands are registered, and forget front-end
/// state nobody can use any more (handled-event ids Discord will not replay, week-old search pages).
/// </summary>
public sealed class ReadyHandler(
    DiscordIdentity identity, CommandRegistrar registrar, Bot.Store.FrontEndState state, SearchSessions sessions, BackgroundWork work) : IGatewayEventHandler
{
    public string EventName => "READY";

    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        var ready = gatewayEvent.Data.Deserialize(DiscordJsonContext.Default.Ready)
            ?? throw new JsonException("READY carried no data.");
        identity.Set(ready.User.Id, ready.Application.Id);
        work.Run("command registration", token => registrar.EnsureRegisteredAsync(ready.Application.Id, token));
        work.Run("front-end housekeeping", _ =>
        {
            state.ForgetEventsOlderThan(TimeSpan.FromDays(2));
            sessions.ForgetOlderThan(TimeSpan.FromDays(7));
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }
}

/// <summary>INTERACTION_CREATE: slash commands, buttons, menus and autocomplete go to the router.</summary>
public sealed class InteractionCreateHandler(InteractionRouter router, BackgroundWork work) : IGatewayEventHandler
{
    public string EventName => "INTERACTION_CREATE";

    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        var interaction = gatewayEvent.Data.Deserialize(DiscordJsonContext.Default.Interaction)
            ?? throw new JsonException("INTERACTION_CREATE carried no data.");
        work.Run($"interaction {interaction.Id}", token => router.HandleAsync(interaction, token));
        return Task.CompletedTask;
    }
}

/// <summary>MESSAGE_CREATE: mentions of the bot and direct messages are questions.</summary>
public sealed class MessageCreateHandler(MentionResponder responder, DiscordIdentity identity, BackgroundWork work) : IGatewayEventHandler
{
    public string EventName => "MESSAGE_CREATE";

    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        if (identity.UserId is not { } botUserId)
        {
            return Task.CompletedTask;
        }
        var message = gatewayEvent.Data.Deserialize(DiscordJsonContext.Default.Message)
            ?? throw new JsonException("MESSAGE_CREATE carried no data.");
        work.Run($"message {message.Id}", token => responder.HandleAsync(message, botUserId, token));
        return Task.CompletedTask;
    }
}
