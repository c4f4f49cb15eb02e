using System.Text.Json;

namespace Bot.Discord.Gateway;

/// <summary>One dispatch (op 0): its name (<c>t</c>), sequence (<c>s</c>) and raw data (<c>d</c>).</summary>
public readonly record struct GatewayEvent(string Name, int? Sequence, JsonElement Data);

/// <summary>
/// Handles one gateway event by name (MESSAGE_CREATE, INTERACTION_CREATE...). Register any number in
/// the container; the router keys them by <see cref="EventName"/>. Events arrive one at a time in
/// sequence order, so a handler should hand long work off rather than hold up the next event.
/// </summary>
public interface IGatewayEventHandler
{
    string EventName { get; }

    Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken);
}
