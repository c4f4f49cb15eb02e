using System.Globalization;
using Bot.Answers;
using Bot.Commands;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Recommendations.Daily;

/// <summary>
/// What a day's post says. A subscriber gets the ranker's picks among the papers that are new to them:
/// listed in a digest that arrived since their last post (for a first post, since a little before they
/// subscribed). A guild gets the newest digest's papers ranked by its members' combined interests, each
/// with a one-line extractive summary, once per digest.
/// </summary>
public sealed class DailyPostComposer(
    Recommender recommender,
    PaperStore papers,
    DailyPostLedger ledger,
    SubscriptionStore subscriptions,
    IOptions<DailyOptions> options)
{
    // A summary line short enough to read as one line in a thread.
    private const int OneLine = 220;

    /// <summary>The subscriber's post for <paramref name="day"/>; no items when nothing is new (the notice).</summary>
    public async Task<DailyPost> ForSubscriberAsync(Subscription subscription, DateOnly day, CancellationToken cancellationToken)
    {
        var target = DailyPost.LedgerTarget(DailyTargetKind.User, subscription.UserId);
        var last = ledger.LastFinished(target);
        // Posts stored before the mark existed fall back to their compose time.
        var fresh = last?.Post?.DigestMark is { } mark
            ? ledger.PapersArrivedAfter(mark)
            : ledger.PapersArrivedSince(last is null
                ? subscription.CreatedAt.AddDays(-options.Value.FirstPostLookbackDays)
                : last.Post?.ComposedAt ?? last.ClaimedAt);
        var items = new List<DailyPostItem>();
        if (fresh.Count > 0)
        {
            var picks = await recommender.PicksForUserAsync(subscription.UserId, subscription.GuildId, subscription.Count, cancellationToken, among: fresh);
            items.AddRange(picks.Select(p => Item(p, p.Reason)));
        }
        var heading = items.Count == 0
            ? $"Nothing new for you today ({FormatDay(day)}): no new papers matched since your last picks."
            : $"Your daily papers for {FormatDay(day)}";
        return new DailyPost(DailyTargetKind.User, subscription.UserId, subscription.GuildId, subscription.Delivery, subscription.ChannelId,
            day, heading, items);
    }

    /// <summary>The guild's community digest for <paramref name="day"/>; no items when the newest digest was already posted.</summary>
    public async Task<DailyPost> ForCommunityAsync(CommunityDigest community, DateOnly day, CancellationToken cancellationToken)
    {
        var newest = papers.ListDigests().FirstOrDefault();
        var target = DailyPost.LedgerTarget(DailyTargetKind.Community, community.GuildId);
        var items = new List<DailyPostItem>();
        if (newest is not null && ledger.LastFinished(target)?.DigestId != newest.Id)
        {
            var listed = papers.DigestPaperRowIds(newest.Id);
            var inDigest = listed.ToHashSet();
            var count = options.Value.CommunityCount;
            var members = subscriptions.CommunityMembers(community.GuildId);
            var picks = await recommender.PicksForGroupAsync(members, community.GuildId, count, cancellationToken, among: inDigest);
            var chosen = picks.Select(p => p.PaperRowId).ToList();
            // Too few signals to rank the whole digest: its own order (the curators' upvotes) fills in.
            chosen.AddRange(listed.Where(id => !chosen.Contains(id)).Take(count - chosen.Count));
            var reasons = picks.ToDictionary(p => p.PaperRowId, p => (p.Score, p.Reason));
            items.AddRange(papers.GetPapers(chosen).Select(p =>
            {
                var (score, _) = reasons.GetValueOrDefault(p.RowId);
                var line = Gist.Of(PaperSummarizer.KeySentences(p.Abstract, 1).FirstOrDefault() ?? p.Title, OneLine);
                return new DailyPostItem(p.RowId, p.Id, p.Title, p.Abstract, p.FirstSeen, p.Links.FirstOrDefault()?.Url, score, line);
            }));
        }
        var heading = newest is null ? "No digest yet" : $"Community digest: {newest.Date:yyyy-MM-dd}, the top {items.Count} papers for this server";
        return new DailyPost(DailyTargetKind.Community, community.GuildId, community.GuildId, DeliveryKind.Channel, community.ChannelId,
            day, heading, items, newest?.Id);
    }

    private static DailyPostItem Item(Pick pick, string line) =>
        new(pick.PaperRowId, pick.PaperId, pick.Title, pick.Abstract, pick.FirstSeen, pick.Link, pick.Score, line);

    private static string FormatDay(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
