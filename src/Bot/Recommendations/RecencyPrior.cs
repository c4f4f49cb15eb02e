namespace Bot.Recommendations;

/// <summary>
/// Every candidate's recency prior (1 for the newest digest, halving every half-life) and the sentence
/// naming its digest date: the same for every ranking over one pool, so a daily run computes it once.
/// </summary>
internal sealed record RecencyPrior(double[] Values, int[] ReasonOf, string[] Reasons)
{
    public static RecencyPrior Of(CandidatePool pool, double halfLifeDays)
    {
        var values = new double[pool.Count];
        var reasonOf = new int[pool.Count];
        var dates = new Dictionary<DateOnly, int>();
        for (var i = 0; i < pool.Count; i++)
        {
            var date = pool.Papers[i].LastSeen;
            if (!dates.TryGetValue(date, out var reason))
            {
                reason = dates.Count;
                dates[date] = reason;
            }
            reasonOf[i] = reason;
            values[i] = Math.Pow(0.5, (pool.Newest.DayNumber - date.DayNumber) / halfLifeDays);
        }
        var reasons = new string[dates.Count];
        foreach (var (date, reason) in dates)
        {
            reasons[reason] = $"New in the digest of {date:yyyy-MM-dd}";
        }
        return new RecencyPrior(values, reasonOf, reasons);
    }
}
