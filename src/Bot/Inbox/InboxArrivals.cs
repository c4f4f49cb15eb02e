using Bot.Digests;

namespace Bot.Inbox;

/// <summary>A file the inbox watcher handled: what ingesting it did, and whether it went to <c>failed/</c>.</summary>
public sealed record InboxArrival(string FileName, IngestReport Report)
{
    public bool Failed => Report.Errors.Count > 0;
}

/// <summary>
/// Tells a front end what arrived through the inbox, so someone at the console who drops a file in sees
/// it added or refused without reading the log. Only a notice: what was stored is in the store.
/// </summary>
public sealed class InboxArrivals
{
    public event Action<InboxArrival>? Arrived;

    public void Report(InboxArrival arrival) => Arrived?.Invoke(arrival);
}
