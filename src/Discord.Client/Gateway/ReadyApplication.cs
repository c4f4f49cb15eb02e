namespace Bot.Discord.Gateway;

/// <summary>The partial application from Ready: its id is what command registration needs.</summary>
public sealed record ReadyApplication(string Id, long? Flags);
