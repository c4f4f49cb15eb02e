namespace Bot.Embeddings;

/// <summary>How a sentence-embedding model reads one text into one vector.</summary>
public enum TokenPooling
{
    /// <summary>The mean of the token states under the attention mask (all-MiniLM-L6-v2).</summary>
    Mean,

    /// <summary>The state of the first token, [CLS] (arctic-embed).</summary>
    Cls,
}

/// <summary>
/// What the bot must know of one model to use it as its authors meant: how its token states become a
/// sentence vector, the text it expects before queries and before documents (retrieval models are
/// trained asymmetrically), how many tokens it reads ([CLS] and [SEP] included), its size and licence.
/// </summary>
/// <param name="Id">Stored beside every vector the model makes.</param>
/// <param name="Folder">The folder with <c>model.onnx</c> and <c>vocab.txt</c> (or <c>tokenizer.json</c>).</param>
/// <param name="MinRelevantCosine">
/// Below this a query's cosine to a paper is noise: what every query, however unrelated, reaches with
/// its nearest neighbours. Measured per model on queries of nonsense and the dev set's paraphrases.
/// </param>
/// <param name="MatchCosine">
/// At or above this a paper matches a query in meaning even when they share few words; below it, and
/// without the query's words together, a search result is marked a weak match. 0: no such mark.
/// </param>
public sealed record ModelProfile(
    string Id,
    string Folder,
    TokenPooling Pooling,
    int MaxTokens,
    int Dimensions,
    string QueryPrefix = "",
    string DocumentPrefix = "",
    string Licence = "",
    string Source = "",
    double MinRelevantCosine = 0,
    double MatchCosine = 0);
