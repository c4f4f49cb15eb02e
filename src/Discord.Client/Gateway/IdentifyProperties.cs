namespace Bot.Discord.Gateway;

/// <summary>Connection properties sent with Identify; Discord uses them for analytics only.</summary>
public sealed record IdentifyProperties(string Os, string Browser, string Device);
