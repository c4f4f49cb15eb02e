namespace Bot.Answers;

/// <summary>
/// A sentence that may go into an answer: which paper it comes from (and that paper's retrieval rank),
/// its words, and its relevance to the question once scored.
/// </summary>
internal sealed class CandidateSentence(int paperRank, string text, IReadOnlyList<string> terms)
{
    public int PaperRank { get; } = paperRank;

    public string Text { get; } = text;

    public IReadOnlyList<string> Terms { get; } = terms;

    public HashSet<string> TermSet { get; } = new(terms, StringComparer.Ordinal);

    /// <summary>BM25 of the question's words in this sentence; 0 when they share none.</summary>
    public double Lexical { get; set; }

    /// <summary>The sentence's embedding; null without an embedding model.</summary>
    public float[]? Embedding { get; set; }

    /// <summary>Cosine of the question's and the sentence's embeddings; 0 without an embedding model.</summary>
    public double Cosine { get; set; }

    /// <summary>Whether the sentence sets the scene before the abstract says what the paper does (<see cref="AbstractRoles"/>).</summary>
    public bool IsBackground { get; init; }

    public double Relevance { get; set; }
}
