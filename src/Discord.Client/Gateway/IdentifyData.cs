namespace Bot.Discord.Gateway;

/// <summary>Identify (op 2): starts a new session. <c>Shard</c> is [shard_id, num_shards].</summary>
public sealed record IdentifyData(string Token, IdentifyProperties Properties, GatewayIntents Intents, int[] Shard)
{
    // A record prints every property; the token must never reach a log line through ToString.
    public override string ToString() =>
        $"IdentifyData {{ Token = ***, Intents = {(int)Intents}, Shard = [{string.Join(", ", Shard)}] }}";
}
