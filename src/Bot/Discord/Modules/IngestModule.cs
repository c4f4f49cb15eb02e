using Bot.Commands;
using Bot.Digests;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Embeddings;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/ingest file</c>: a digest attachment goes through the same size check, parser and store as the
/// CLI. Only members who may manage the server can use it (checked here as well as by Discord).
/// </summary>
public sealed class IngestModule(
    DigestIngestor ingestor,
    EmbeddingBackfillSignal backfill,
    FrontEndState state,
    DiscordRestClient rest,
    TimeProvider clock,
    IOptions<IngestOptions> options) : ISlashCommand
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(10);

    public string Name => "ingest";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.GuildId is null || !interaction.CanManageGuild())
        {
            await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
                Respond.Ephemeral("Only members with the Manage Server permission can add digests."), cancellationToken);
            return;
        }
        if (!await state.TryStartAsync(rest, interaction, Name, Cooldown, "One digest at a time", cancellationToken))
        {
            return;
        }
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);

        var reply = await IngestAsync(interaction, cancellationToken);
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }

    private async Task<CommandReply> IngestAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Attachment("file") is not { } attachment)
        {
            return CommandReply.Error("Attach a digest file (text or HTML) to /ingest.");
        }
        var limit = options.Value.MaxFileBytes;
        if (attachment.Size > limit)
        {
            return CommandReply.Error($"{attachment.Filename}: the file is {attachment.Size:N0} bytes, over the {limit:N0}-byte limit for a digest.");
        }
        byte[] content;
        try
        {
            content = await rest.DownloadAttachmentAsync(attachment, limit, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or AttachmentTooLargeException or ArgumentException or IOException)
        {
            return CommandReply.Error($"{attachment.Filename}: could not download the attachment ({exception.Message}).");
        }
        var report = ingestor.IngestContent(content, attachment.Filename, clock.GetUtcNow(), cancellationToken: cancellationToken);
        if (report.Errors.Count > 0)
        {
            return CommandReply.Error(string.Join("\n", report.Errors));
        }
        backfill.Notify();
        var items = new List<ReplyItem>
        {
            new("Papers", $"{report.PapersNew} new, {report.PapersExisting} already in the library"),
        };
        items.AddRange(report.Warnings.Take(10).Select(w => new ReplyItem("Warning", w)));
        return new CommandReply(report.Digests == 1 ? $"Added {attachment.Filename}" : $"{attachment.Filename} was already in the library", items);
    }
}
