namespace Bot.Digests;

/// <summary>What one ingest run did, file by file, added up.</summary>
public sealed record IngestReport(
    int Digests,
    int DigestsExisting,
    int PapersNew,
    int PapersExisting,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Errors)
{
    public static IngestReport Empty { get; } = new(0, 0, 0, 0, [], []);

    public IngestReport Add(IngestReport other) => new(
        Digests + other.Digests,
        DigestsExisting + other.DigestsExisting,
        PapersNew + other.PapersNew,
        PapersExisting + other.PapersExisting,
        [.. Warnings, .. other.Warnings],
        [.. Errors, .. other.Errors]);
}
