using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Recommendations.Daily;

/// <summary>
/// Posts each subscriber's picks, and each guild's community digest, at their local time. Every poll
/// it first resumes claims an interrupted run left unfinished, then posts every target whose latest due
/// day has no ledger row yet. Only the latest due day is ever posted, so after downtime a target gets
/// one catch-up post, not one per missed day. What counts as "posted" lives in the store's ledger
/// (<see cref="DailyPostLedger"/>), so restarts and several instances on one store agree.
/// </summary>
public sealed partial class DailyScheduler(
    SubscriptionStore subscriptions,
    DailyPostLedger ledger,
    DailyPostComposer composer,
    IDailyDelivery delivery,
    UserSignalStore signals,
    TimeProvider clock,
    IOptions<DailyOptions> options,
    ILogger<DailyScheduler> logger,
    DailyInstance? instance = null) : BackgroundService
{
    /// <summary>Names this run in the ledger's claims (which instance holds a day); without a <see cref="DailyInstance"/>, a fresh name.</summary>
    public string Instance { get; } = instance?.Name ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^24];

    /// <summary>The UTC day this scheduler last pruned the ledger (another instance pruning too is harmless).</summary>
    private DateOnly _prunedOn;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A store error (a locked or full disk) must not stop the host; the next poll tries again.
                LogPassFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: resume stale claims, then post whatever has come due. Returns how many posts were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sent = 0;
        PruneOncePerDay(now);
        var stale = ledger.StaleClaims(now - TimeSpan.FromMinutes(options.Value.ClaimLeaseMinutes));
        if (instance is { OwnsEarlierClaims: true })
        {
            // This instance's claims from before it started are a dead process's: no need to wait for the lease.
            stale = [.. stale.Concat(ledger.ClaimsBy(Instance, instance.StartedAt)).DistinctBy(e => (e.Target, e.LocalDate))];
        }
        foreach (var claim in stale)
        {
            sent += await GuardAsync(claim.Target, () => ResumeAsync(claim, now, cancellationToken));
        }
        foreach (var target in Targets())
        {
            sent += await GuardAsync(target.LedgerKey, () => PostIfDueAsync(target, now, cancellationToken));
        }
        return sent;
    }

    private async Task<int> PostIfDueAsync(ScheduledTarget target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The claim carries the time it is made, not the pass's start: a pass over many targets can take
        // longer than the lease, and a claim stamped with the start would look stale to another instance.
        if (DueDay(target, now) is not { } day || ledger.HasDayOnOrAfter(target.LedgerKey, day)
            || !ledger.TryClaim(target.LedgerKey, day, Instance, clock.GetUtcNow()))
        {
            return 0;
        }
        var post = await ComposeAsync(target, day, cancellationToken);
        return await DeliverAsync(target, day, post, Progress(target.LedgerKey, day, []), cancellationToken) ? 1 : 0;
    }

    /// <summary>
    /// Finishes a claim an interrupted run left: the parts it delivered (recorded, or found at the
    /// destination) are kept, and only the missing ones are sent, never one twice.
    /// </summary>
    private async Task<int> ResumeAsync(LedgerEntry stale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ledger.TryTakeOver(stale, Instance, clock.GetUtcNow()) is not { } claim)
        {
            return 0;
        }
        LogResuming(claim.Target, claim.LocalDate, claim.Attempts);
        var target = Targets().FirstOrDefault(t => t.LedgerKey == claim.Target);
        var progress = Progress(claim.Target, claim.LocalDate, claim.Delivered);
        if (claim.Post is { } stored)
        {
            // A day's post goes out no earlier than its due instant; without the schedule (unsubscribed
            // since), no earlier than the day's start in the easternmost zone (UTC+14).
            // The post's own compose time when stored (the schedule may have moved since); else the day's due time.
            var earliest = stored.ComposedAt is { } composed ? composed.AddMinutes(-1)
                : target is not null && TimeZoneIds.Find(target.TimeZone) is { } zone
                ? LocalSchedule.DueAt(claim.LocalDate, target.Time, zone).AddMinutes(-1)
                : new DateTimeOffset(claim.LocalDate.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (await delivery.FindDeliveredAsync(stored, progress, earliest, cancellationToken) is { } found)
            {
                progress.Record(found);
            }
        }
        // A post begun counts as the day's post whatever happens next: it is finished, or closed as sent.
        var begun = claim.Post is not null && progress.Delivered.Count > 0;
        string? reason = null;
        if (target is null)
        {
            reason = "no longer subscribed";
        }
        else if (claim.Attempts > options.Value.MaxAttempts)
        {
            LogGaveUp(claim.Target, claim.LocalDate, claim.Attempts - 1);
            reason = $"gave up after {claim.Attempts - 1} attempts";
        }
        else if (!begun && DueDay(target, now) is { } latest && latest > claim.LocalDate)
        {
            ledger.Finish(claim.Target, claim.LocalDate, Instance, PostState.Superseded, clock.GetUtcNow(), detail: $"{latest:yyyy-MM-dd} came due first");
            return 0;
        }
        if (reason is not null)
        {
            if (begun)
            {
                MarkSeen(claim.Post!);
            }
            ledger.Finish(claim.Target, claim.LocalDate, Instance, begun ? PostState.Sent : PostState.Failed, clock.GetUtcNow(),
                begun ? progress.Delivered[0] : null, begun ? $"{progress.Delivered.Count} messages delivered, then {reason}" : reason);
            return 0;
        }
        var post = claim.Post ?? await ComposeAsync(target!, claim.LocalDate, cancellationToken);
        return await DeliverAsync(target!, claim.LocalDate, post, progress, cancellationToken) ? 1 : 0;
    }

    /// <summary>Sends a claimed day's post, or its missing parts (or records that there was nothing to say); true when this run sent something.</summary>
    private async Task<bool> DeliverAsync(ScheduledTarget target, DateOnly day, DailyPost post, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        // Stored before sending, so a run that takes over after a crash sends the same post; an empty day
        // is stored too, since it carries the digest the community digest already covered.
        if (!ledger.SavePost(target.LedgerKey, day, Instance, post))
        {
            LogClaimLost(target.LedgerKey, day, "the claim was taken over (or the target forgotten) while the post was composed");
            return false;
        }
        if (post.Items.Count == 0 && !target.NotifyEmpty)
        {
            ledger.Finish(target.LedgerKey, day, Instance, PostState.Empty, clock.GetUtcNow(), detail: "nothing new");
            return false;
        }
        var before = progress.Delivered.Count;
        DeliveryReceipt receipt;
        try
        {
            receipt = await delivery.SendAsync(post, progress, cancellationToken);
        }
        catch (DeliveryRefusedException refused)
        {
            LogRefused(target.LedgerKey, day, refused.Message);
            ledger.Finish(target.LedgerKey, day, Instance, PostState.Failed, clock.GetUtcNow(), detail: DailyPostLedger.RefusedDetail + refused.Message);
            if (PauseReason(target, day, refused.Kind) is { } reason)
            {
                target.Pause(reason);
                LogPaused(target.LedgerKey, reason);
            }
            return progress.Delivered.Count > before;
        }
        catch (ClaimLostException lost)
        {
            LogClaimLost(target.LedgerKey, day, lost.Message);
            return progress.Delivered.Count > before;
        }
        // Seen only once the day is closed as this run's: a user forgotten meanwhile has no claim left, and no seen rows come back.
        if (ledger.Finish(target.LedgerKey, day, Instance, PostState.Sent, clock.GetUtcNow(), receipt.MessageId))
        {
            MarkSeen(post);
        }
        if (progress.Delivered.Count == before)
        {
            return false;
        }
        LogSent(target.LedgerKey, day, post.Items.Count);
        return true;
    }

    /// <summary>Every finished post is kept in the ledger with its papers; a year of 10,000 subscribers would be gigabytes.</summary>
    private void PruneOncePerDay(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (_prunedOn == today)
        {
            return;
        }
        var pruned = ledger.Prune(today.AddDays(-options.Value.KeepPostsDays));
        _prunedOn = today;
        if (pruned > 0)
        {
            LogPruned(pruned, options.Value.KeepPostsDays);
        }
    }

    /// <summary>
    /// Closed DMs stay closed and a deleted channel stays deleted: trying again every day would fail
    /// silently every day, so those pause at once. Missing permissions may be an admin's work in
    /// progress, so they pause only after several due days refused in a row.
    /// </summary>
    private string? PauseReason(ScheduledTarget target, DateOnly day, RefusalKind kind) => kind switch
    {
        RefusalKind.DirectMessagesClosed => SubscriptionStore.PausedDmsClosed,
        RefusalKind.DestinationGone => SubscriptionStore.PausedChannelGone,
        _ => ledger.RefusedInARow(target.LedgerKey, day) >= options.Value.RefusalsBeforePause ? SubscriptionStore.PausedNoAccess : null,
    };

    /// <summary>
    /// The day's post, stamped with the time before its papers were chosen (the claim's time moves on as
    /// messages are recorded, so it cannot say where the next post's new papers start).
    /// </summary>
    private async Task<DailyPost> ComposeAsync(ScheduledTarget target, DateOnly day, CancellationToken cancellationToken)
    {
        var composedAt = clock.GetUtcNow();
        // Read before the papers are: a digest committed in between is new for the next post too (its
        // papers, once picked, are seen and not picked twice), while one after the mark is never missed.
        var mark = ledger.DigestMark();
        return await target.ComposeAsync(day, cancellationToken) with { ComposedAt = composedAt, DigestMark = mark };
    }

    /// <summary>The parts of a claimed post delivered so far, each recorded (and the claim renewed) as it arrives.</summary>
    private DeliveryProgress Progress(string target, DateOnly day, IReadOnlyList<string> delivered)
    {
        var ids = delivered.ToList();
        return new DeliveryProgress(delivered, id =>
        {
            ids.Add(id);
            if (!ledger.RecordDelivered(target, day, Instance, ids, clock.GetUtcNow()))
            {
                throw new ClaimLostException($"another run took over the post for {target} ({day:yyyy-MM-dd}) after {ids.Count - 1} messages");
            }
        });
    }

    private void MarkSeen(DailyPost post)
    {
        if (post.Items.Count > 0)
        {
            var seenBy = post.Kind == DailyTargetKind.User ? post.TargetId : UserSignalStore.GroupKey(post.TargetId);
            signals.MarkSeen(seenBy, post.Items.Select(i => i.PaperRowId));
        }
    }

    /// <summary>The latest local day due, unless the target's zone is unknown or the day came due before (or as) it subscribed.</summary>
    private DateOnly? DueDay(ScheduledTarget target, DateTimeOffset now)
    {
        if (TimeZoneIds.Find(target.TimeZone) is not { } zone)
        {
            LogUnknownZone(target.LedgerKey, target.TimeZone);
            return null;
        }
        var day = LocalSchedule.LatestDueDay(now, target.Time, zone);
        return LocalSchedule.DueAt(day, target.Time, zone) <= target.Since ? null : day;
    }

    private IEnumerable<ScheduledTarget> Targets() =>
        subscriptions.ActiveSubscriptions().Select(s => new ScheduledTarget(
                DailyPost.LedgerTarget(DailyTargetKind.User, s.UserId), s.LocalTime, s.TimeZone, s.CreatedAt, s.NotifyEmpty,
                (day, ct) => composer.ForSubscriberAsync(s, day, ct), reason => subscriptions.Pause(s.UserId, reason)))
            .Concat(subscriptions.ActiveCommunityDigests().Select(c => new ScheduledTarget(
                DailyPost.LedgerTarget(DailyTargetKind.Community, c.GuildId), c.LocalTime, c.TimeZone, c.CreatedAt, false,
                (day, ct) => composer.ForCommunityAsync(c, day, ct), reason => subscriptions.PauseCommunityDigest(c.GuildId, reason))));

    /// <summary>One target's failure (a network error after the client's retries) leaves its claim for a later takeover and spares the others.</summary>
    private async Task<int> GuardAsync(string target, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(exception, target);
            return 0;
        }
    }

    /// <summary>A subscriber or a guild, as the scheduler sees it.</summary>
    private sealed record ScheduledTarget(
        string LedgerKey,
        TimeOnly Time,
        string TimeZone,
        DateTimeOffset Since,
        bool NotifyEmpty,
        Func<DateOnly, CancellationToken, Task<DailyPost>> ComposeAsync,
        Action<string> Pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily post for {Target} ({Day}) sent with {Count} papers")]
    private partial void LogSent(string target, DateOnly day, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming the unfinished daily post for {Target} ({Day}), attempt {Attempt}")]
    private partial void LogResuming(string target, DateOnly day, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily post for {Target} ({Day}) refused: {Reason}")]
    private partial void LogRefused(string target, DateOnly day, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily posts for {Target} paused ({Reason}); /subscribe or /digest-channel resumes them")]
    private partial void LogPaused(string target, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} daily posts finished more than {Days} days ago")]
    private partial void LogPruned(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily post for {Target} ({Day}) stopped: {Reason}")]
    private partial void LogClaimLost(string target, DateOnly day, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily post for {Target} ({Day}) given up after {Attempts} attempts")]
    private partial void LogGaveUp(string target, DateOnly day, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily posts for {Target}: time zone {Zone} is unknown on this machine")]
    private partial void LogUnknownZone(string target, string zone);

    [LoggerMessage(Level = LogLevel.Error, Message = "A daily posts pass failed; the next poll tries again")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Daily post for {Target} failed; its claim is retried after the lease")]
    private partial void LogFailed(Exception exception, string target);
}
