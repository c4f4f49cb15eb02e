using System.Collections.Frozen;

namespace Bot.Discord.Gateway;

/// <summary>A table from event name to its handlers, built once from the registered handlers.</summary>
public sealed class GatewayEventRouter(IEnumerable<IGatewayEventHandler> handlers)
{
    private readonly FrozenDictionary<string, IGatewayEventHandler[]> _table = handlers
        .GroupBy(h => h.EventName, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public IReadOnlyList<IGatewayEventHandler> HandlersFor(string eventName) =>
        _table.TryGetValue(eventName, out var found) ? found : [];
}
