namespace Bot.Discord.Payloads;

/// <summary>The part of a guild the bot reads; Discord sends far more, which is ignored.</summary>
public sealed record Guild(string Id, string Name);
