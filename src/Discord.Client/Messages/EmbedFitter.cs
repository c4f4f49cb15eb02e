using Bot.Discord.Payloads;

namespace Bot.Discord.Messages;

/// <summary>
/// Fits embeds to Discord's per-field limits and to the 6,000-character total across a message's
/// embeds. Text is measured after trimming, as Discord does. The total is spent in reading order
/// (title, author, description, fields, footer; first embed first), so what is cut is what comes last.
/// </summary>
public static class EmbedFitter
{
    public static Embed[] Fit(IReadOnlyList<Embed> embeds)
    {
        var budget = MessageLimits.EmbedsTotalLength;
        var exhausted = false;
        var fitted = new List<Embed>(Math.Min(embeds.Count, MessageLimits.EmbedsPerMessage));
        foreach (var embed in embeds.Take(MessageLimits.EmbedsPerMessage))
        {
            if (exhausted)
            {
                // The total ran out inside an earlier embed: no fragments of later ones.
                break;
            }
            var title = Take(embed.Title, MessageLimits.TitleLength, ref budget, ref exhausted);
            var authorName = Take(embed.Author?.Name, MessageLimits.AuthorNameLength, ref budget, ref exhausted);
            var description = Take(embed.Description, MessageLimits.DescriptionLength, ref budget, ref exhausted);
            var fields = new List<EmbedField>();
            foreach (var field in (embed.Fields ?? []).Take(MessageLimits.FieldsPerEmbed))
            {
                var name = Take(field.Name, MessageLimits.FieldNameLength, ref budget, ref exhausted);
                var value = Take(field.Value, MessageLimits.FieldValueLength, ref budget, ref exhausted);
                if (name is null || value is null)
                {
                    // Discord requires both; a field cut to nothing is dropped, and so is the rest.
                    break;
                }
                fields.Add(field with { Name = name, Value = value });
            }
            var footerText = Take(embed.Footer?.Text, MessageLimits.FooterLength, ref budget, ref exhausted);
            fitted.Add(embed with
            {
                Title = title,
                Author = authorName is null ? null : embed.Author! with { Name = authorName },
                Description = description,
                Fields = embed.Fields is null ? null : [.. fields],
                Footer = footerText is null ? null : embed.Footer! with { Text = footerText },
            });
        }
        return [.. fitted];
    }

    /// <summary>The trimmed text within its own limit and what is left of the total; null when nothing fits.</summary>
    private static string? Take(string? text, int limit, ref int budget, ref bool exhausted)
    {
        if (text is null)
        {
            return null;
        }
        var trimmed = text.Trim();
        exhausted |= trimmed.Length > budget;
        var fitted = TextTruncation.Truncate(trimmed, Math.Min(limit, budget));
        budget -= fitted.Length;
        return fitted.Length == 0 ? null : fitted;
    }
}
