using System.Diagnostics;
using Bot.Recommendations;

namespace Bot.Bench;

/// <param name="Candidates">Papers each ranking chose from (the newest by last digest, <c>Bot:Recommendations:MaxCandidates</c>).</param>
/// <param name="PoolLoadMs">Loading the candidates, their vectors and building their word index, once for the run.</param>
/// <param name="TotalSeconds">Wall time of the daily run: every user's picks, each marked as shown.</param>
/// <param name="CpuSeconds">Process CPU time of the run (all threads): steadier than wall time when other processes compete for the cores.</param>
/// <param name="NewPapers">Papers the picks were restricted to (the newest digest days, as a daily post's new papers); 0 when unrestricted.</param>
/// <param name="Batch">Users ranked together in one pass over the candidates' vectors.</param>
/// <param name="PerUser">Each user's wait: the time of the batch they were ranked in.</param>
/// <param name="ScanKernel">The <see cref="Int8Kernel"/> the candidates' int8 scans ran on this CPU ("none" without vectors).</param>
public sealed record RecommendBenchResult(
    SyntheticStoreInfo Store,
    SyntheticUsersInfo Users,
    int Candidates,
    int NewPapers,
    int PicksPerUser,
    int Workers,
    int Batch,
    double PoolLoadMs,
    double TotalSeconds,
    double CpuSeconds,
    double UsersPerSecond,
    LatencySummary PerUser,
    double MeanPicks,
    string ScanKernel);

/// <summary>
/// A daily run: picks for every user through the real <see cref="Recommender"/> (profile read, ranking,
/// diversity, hydration) and <see cref="UserSignalStore.MarkSeen"/>, batches of users ranked in parallel on every core.
/// </summary>
public sealed class RecommendBenchmark(Recommender recommender, UserSignalStore signals, CandidatePoolCache pools)
{
    /// <summary>Users per pass: 16 users' vectors (about 130) make the scan bound by arithmetic rather than memory.</summary>
    public const int DefaultBatch = 16;

    /// <param name="newDays">When above 0, each user's picks come only from the papers of the pool's newest this many digest days.</param>
    /// <param name="workers">Batches ranked at once.</param>
    /// <param name="batch">Users per batch.</param>
    /// <param name="picksOut">When set, each user's picks are written there (a line per user: index, then row ids best first).</param>
    public async Task<RecommendBenchResult> RunAsync(SyntheticStoreInfo store, SyntheticUsersInfo users, int picks, int newDays, int workers, int batch, string? picksOut,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pool = pools.Get();
        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        IReadOnlySet<long>? among = newDays <= 0 ? null
            : pool.Papers.Where(p => p.LastSeen.DayNumber > pool.Newest.DayNumber - newDays).Select(p => p.RowId).ToHashSet();

        var timings = new double[users.Users];
        var chosenBy = new long[users.Users][];
        var cpuBefore = ProcessProbe.ProcessorTime();
        started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Users).Chunk(batch), new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
            async (indexes, token) =>
            {
                var begun = Stopwatch.GetTimestamp();
                var chosen = await recommender.PicksForUsersAsync([.. indexes.Select(i => (SyntheticUsers.UserId(i), (string?)SyntheticUsers.GuildId(i)))], picks, token, among);
                for (var u = 0; u < indexes.Length; u++)
                {
                    signals.MarkSeen(SyntheticUsers.UserId(indexes[u]), chosen[u].Select(p => p.PaperRowId));
                    chosenBy[indexes[u]] = [.. chosen[u].Select(p => p.PaperRowId)];
                }
                var elapsed = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
                foreach (var index in indexes)
                {
                    timings[index] = elapsed;
                }
            });
        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (ProcessProbe.ProcessorTime() - cpuBefore).TotalSeconds;
        var result = new RecommendBenchResult(store, users, pool.Count, among?.Count ?? 0, picks, workers, batch, loadMs, total, cpu, users.Users / total,
            LatencySummary.From(timings), chosenBy.Average(c => c.Length), pool.ScanKernel?.ToString() ?? "none");
        if (picksOut is not null)
        {
            await File.WriteAllLinesAsync(picksOut, chosenBy.Select((c, i) => $"{i}\t{string.Join(',', c)}"), cancellationToken);
        }
        return result;
    }
}
