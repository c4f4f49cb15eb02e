using Bot.Answers;
using Bot.Embeddings;
using Bot.Recommendations;
using Bot.Recommendations.Daily;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Commands;

/// <summary>
/// The recommendation commands every front end offers: <c>/follow</c>, <c>/unfollow</c>, <c>/interests</c>,
/// <c>/save</c>, <c>/library</c>, <c>/recommend</c>, <c>/forget-me</c>, and feedback on a paper (like,
/// dislike, not interested). Bad arguments come back as an error reply; nothing is lost.
/// </summary>
public sealed class RecommendationCommands(
    UserSignalStore signals,
    Recommender recommender,
    PaperStore papers,
    ActiveEmbeddingModel model,
    SubscriptionStore subscriptions,
    IOptions<RecommendationOptions> options,
    IOptions<DailyOptions> daily)
{
    public const int LibraryPageSize = 5;

    public async Task<CommandReply> FollowAsync(string userId, string topic, CancellationToken cancellationToken)
    {
        var text = Clean(topic);
        var settings = options.Value;
        if (text.Length == 0)
        {
            return CommandReply.Error("What should I follow for you? For example: /follow merging fine-tuned models without retraining");
        }
        if (!text.Any(char.IsLetterOrDigit))
        {
            return CommandReply.Error("An interest needs words to match papers by, for example: /follow merging fine-tuned models without retraining");
        }
        if (text.Length > settings.MaxInterestLength)
        {
            return CommandReply.Error($"That interest is {text.Length} characters long; keep it under {settings.MaxInterestLength}, a sentence or a few keywords.");
        }
        float[]? vector = null;
        if (model.IsConfigured)
        {
            vector = await model.EmbedQueryAsync(text, cancellationToken);
        }
        return signals.AddInterest(userId, text, settings.MaxInterests, model.ModelId, vector) switch
        {
            UserSignalStore.AddInterestResult.Added => new CommandReply($"Following \"{text}\".", [], "Your /recommend picks now take it into account."),
            UserSignalStore.AddInterestResult.AlreadyFollowed => new CommandReply($"You already follow \"{text}\".", []),
            _ => CommandReply.Error($"You follow {settings.MaxInterests} interests already, the most there can be; /unfollow one first."),
        };
    }

    public CommandReply Unfollow(string userId, string interest)
    {
        if (string.IsNullOrWhiteSpace(interest))
        {
            return CommandReply.Error("Which interest? /interests lists them; /unfollow takes its text or its number.");
        }
        // By the interest's id (buttons, autocomplete) or its text; the reply names the interest, not what was typed.
        var wanted = Clean(interest);
        var key = Digests.TitleKey.From(wanted);
        var interests = signals.Interests(userId);
        var found = interests.FirstOrDefault(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == wanted)
            ?? interests.FirstOrDefault(i => Digests.TitleKey.From(i.Text) == key);
        return found is not null && signals.RemoveInterest(userId, found.Id)
            ? new CommandReply($"No longer following \"{found.Text}\".", [])
            : CommandReply.Error($"You do not follow \"{Echo.Of(wanted)}\". /interests lists what you follow.");
    }

    /// <summary>Each interest as an item whose id is the interest's number (for remove buttons and /unfollow).</summary>
    public CommandReply Interests(string userId)
    {
        var interests = signals.Interests(userId);
        return interests.Count == 0
            ? new CommandReply("You follow nothing yet.", [], "Add one with /follow, for example: /follow diffusion models for video")
            : new CommandReply($"You follow {interests.Count} interest{(interests.Count == 1 ? "" : "s")}",
                [.. interests.Select(i => new ReplyItem(i.Text, "", i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
    }

    /// <summary>Like, dislike, not interested or save, by paper id or title; recorded once however often it is sent.</summary>
    public CommandReply Feedback(string userId, string? guildId, string paperIdOrTitle, FeedbackKind kind)
    {
        if (string.IsNullOrWhiteSpace(paperIdOrTitle))
        {
            return CommandReply.Error("Which paper? Give its id (shown under each pick and search result) or its title.");
        }
        var paper = papers.FindPaper(paperIdOrTitle);
        return paper is null
            ? CommandReply.Error($"No paper has the id or title \"{Echo.Of(paperIdOrTitle)}\".")
            : Feedback(userId, guildId, paper.RowId, paper.Title, kind);
    }

    /// <summary>Feedback by the paper's row id, as a button on a pick carries it.</summary>
    public CommandReply Feedback(string userId, string? guildId, long paperRowId, FeedbackKind kind)
    {
        var paper = papers.GetPapers([paperRowId]).FirstOrDefault();
        return paper is null
            ? CommandReply.Error("That paper is no longer in the library.")
            : Feedback(userId, guildId, paper.RowId, paper.Title, kind);
    }

    private CommandReply Feedback(string userId, string? guildId, long rowId, string title, FeedbackKind kind)
    {
        var changed = signals.Record(userId, guildId, rowId, kind);
        var done = kind switch
        {
            FeedbackKind.Like => $"👍 Noted: you liked \"{title}\".",
            FeedbackKind.Dislike => $"👎 Noted: you disliked \"{title}\".",
            FeedbackKind.Dismiss => $"Noted: not interested in \"{title}\"; papers like it will come up less.",
            _ => changed ? $"Saved \"{title}\" to your /library." : $"\"{title}\" is already in your /library.",
        };
        return new CommandReply(changed ? done : done.Replace("Noted: you", "Already noted: you", StringComparison.Ordinal), [],
            kind == FeedbackKind.Save ? null : "Your next picks take it into account.");
    }

    /// <summary>
    /// Takes back what the user did with a paper: unsaves it (<see cref="FeedbackKind.Save"/>), or withdraws
    /// a like, dislike or dismissal, so the paper counts as it did before.
    /// </summary>
    public CommandReply TakeBack(string userId, string paperIdOrTitle, IReadOnlyList<FeedbackKind> kinds)
    {
        if (string.IsNullOrWhiteSpace(paperIdOrTitle))
        {
            return CommandReply.Error("Which paper? Give its number in your last list, its id or its title.");
        }
        if (papers.FindPaper(paperIdOrTitle) is not { } paper)
        {
            return CommandReply.Error($"No paper has the id or title \"{Echo.Of(paperIdOrTitle)}\".");
        }
        var removed = kinds.Where(kind => signals.Remove(userId, paper.RowId, kind)).ToList();
        if (kinds.SequenceEqual([FeedbackKind.Save]))
        {
            return removed.Count > 0
                ? new CommandReply($"Removed \"{paper.Title}\" from your /library.", [])
                : new CommandReply($"\"{paper.Title}\" was not in your /library.", []);
        }
        return removed.Count > 0
            ? new CommandReply($"Took back your {string.Join(" and ", removed.Select(Past))} of \"{paper.Title}\".", [], "Your next picks no longer count it.")
            : new CommandReply($"You had not liked, disliked or dismissed \"{paper.Title}\".", []);
    }

    private static string Past(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Like => "like",
        FeedbackKind.Dislike => "dislike",
        FeedbackKind.Dismiss => "dismissal",
        _ => "save",
    };

    /// <summary>One page of saved papers (0-based); the footer says which page of how many.</summary>
    public CommandReply Library(string userId, int page)
    {
        var total = signals.Library(userId, 0, 0).Total;
        var pages = Math.Max(1, (total + LibraryPageSize - 1) / LibraryPageSize);
        var asked = page;
        page = Math.Clamp(page, 0, pages - 1);
        var items = signals.Library(userId, page * LibraryPageSize, LibraryPageSize).Page;
        var known = FirstSeenKnown(items.Select(p => p.RowId));
        return total == 0
            ? new CommandReply("Your library is empty.", [], "Save papers with /save or the Save button on a pick.")
            : new CommandReply($"Your library: {total} saved paper{(total == 1 ? "" : "s")}",
                [.. items.Select(p => new ReplyItem(p.Title, "", p.PaperId, p.FirstSeen, DateKnown: known.GetValueOrDefault(p.RowId, true)))],
                asked > page ? $"Page {page + 1}/{pages} (there is no page {asked + 1})" : $"Page {page + 1}/{pages}");
    }

    /// <summary>Picks for the user now; they count as shown, so the next call brings others.</summary>
    public async Task<(CommandReply Reply, IReadOnlyList<Pick> Picks)> RecommendAsync(string userId, string? guildId, int count, CancellationToken cancellationToken)
    {
        if (count < 1 || count > options.Value.MaxPicks)
        {
            return (CommandReply.Error($"count must be between 1 and {options.Value.MaxPicks}."), []);
        }
        var picks = await recommender.PicksForUserAsync(userId, guildId, count, cancellationToken);
        if (picks.Count == 0)
        {
            return (papers.PaperCount() == 0
                ? new CommandReply("The library is empty: no digest has been ingested yet.", [], "Add one with /ingest or the inbox folder; picks come from its papers.")
                : new CommandReply("Nothing new to recommend right now.", [], "You have seen every paper I would pick; new digests bring more."), picks);
        }
        signals.MarkSeen(userId, picks.Select(p => p.PaperRowId));
        picks = WithFirstSeenKnown(picks);
        var cold = signals.Interests(userId).Count == 0 && signals.Profile(userId, null, 0).FeedbackCount == 0;
        var footer = cold ? "Tell me what you follow with /follow for better picks." : "Like, dislike or dismiss picks to tune them.";
        // A paused subscriber may not know their daily posts stopped (a closed DM cannot tell them): say so here.
        if (subscriptions.Find(userId)?.Paused is { } paused)
        {
            footer = $"Your daily papers are paused because {PauseReasons.Because(paused, daily.Value.RefusalsBeforePause)}; /subscribe resumes them. {footer}";
        }
        return (new CommandReply($"{picks.Count} {(picks.Count == 1 ? "pick" : "picks")} for you",
            [.. picks.Select(p => new ReplyItem(p.Title, $"{Gist.Of(p.Abstract)}\nWhy: {p.Reason}", p.PaperId, p.FirstSeen, p.Link, p.FirstSeenKnown))], footer), picks);
    }

    /// <summary>
    /// Which picks were first listed in a digest that named no date, so their date is shown as what it is.
    /// Asked for the few picks shown, not for every candidate the ranker scores.
    /// </summary>
    private IReadOnlyList<Pick> WithFirstSeenKnown(IReadOnlyList<Pick> picks)
    {
        var known = FirstSeenKnown(picks.Select(p => p.PaperRowId));
        return [.. picks.Select(p => p with { FirstSeenKnown = known.GetValueOrDefault(p.PaperRowId, true) })];
    }

    /// <summary>For the few papers a list shows: false for each first listed in a digest that named no date.</summary>
    private Dictionary<long, bool> FirstSeenKnown(IEnumerable<long> rowIds) =>
        papers.GetPapers([.. rowIds]).ToDictionary(p => p.RowId, p => p.FirstSeenKnown);

    public CommandReply ForgetMe(string userId)
    {
        var rows = signals.ForgetUser(userId);
        return new CommandReply("Forgotten.", [], $"Deleted everything stored about you ({rows} record{(rows == 1 ? "" : "s")}): interests, feedback, saved papers, history.");
    }

    /// <summary>A question asked with /ask or a mention: a weak hint of interest.</summary>
    public void RecordQuestion(string userId, string? guildId, string question)
    {
        // A follow-up ("what about the second one?") or a question without content words says nothing of interests.
        var text = Clean(question);
        if (AnswerTerms.From(text).Count >= 2 && FollowUps.RequestedNumber(text) is null)
        {
            signals.RecordQuestion(userId, guildId, text);
        }
    }

    /// <summary>Interests of the user whose text contains what was typed, for autocomplete.</summary>
    public IReadOnlyList<StoredInterest> MatchingInterests(string userId, string typed) =>
        [.. signals.Interests(userId).Where(i => i.Text.Contains(typed.Trim(), StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// One line, no surrounding spaces, no control characters, and no format characters (bidi overrides,
    /// zero-width marks), which would reorder or hide the text wherever it is shown again.
    /// </summary>
    private static string Clean(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)
            .Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
