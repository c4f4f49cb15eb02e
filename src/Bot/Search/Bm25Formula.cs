namespace Bot.Search;

/// <summary>
/// The Okapi BM25 weights the in-memory scorers share (answer sentences, the recommender's candidate
/// papers); search itself asks FTS5's bm25(), which uses the same k1 and b.
/// </summary>
internal static class Bm25Formula
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    /// <summary>Inverse document frequency, never negative (the "+1" inside the log).</summary>
    public static double Idf(int documents, int documentFrequency) =>
        Math.Log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));

    /// <summary>One term's contribution to a document's score.</summary>
    public static double Term(double idf, double frequency, double length, double averageLength) =>
        idf * frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / averageLength));
}
