using System.Text;
using System.Text.Json;

namespace Bot.Embeddings.UseLite;

/// <summary>
/// The SentencePiece-unigram tokenizer of USE-lite, reproducing the reference JavaScript exactly
/// (docs: ../shared/models/use-lite.md §2): NFKC, "▁" for every space plus one in front, a Viterbi
/// over vocabulary pieces by score with the reference's tie and "zero means unset" rules, one
/// unknown id (0) per unmatched code point, and runs of unknowns collapsed to one.
/// </summary>
public sealed class SentencePieceTokenizer
{
    public const char WordStart = '\u2581';
    private const int ReservedIds = 6;
    private const int UnknownId = 0;

    private readonly TrieNode _root = new();
    private readonly int[] _pieceLength; // [vocabulary] piece length in code points

    public SentencePieceTokenizer(IReadOnlyList<(string Piece, double Score)> vocabulary)
    {
        _pieceLength = new int[vocabulary.Count];
        for (var id = 0; id < vocabulary.Count; id++)
        {
            _pieceLength[id] = Math.Max(1, CodePoints(vocabulary[id].Piece).Length);
        }
        // Reserved ids never match text; a piece listed twice keeps its last id and score.
        for (var id = ReservedIds; id < vocabulary.Count; id++)
        {
            Insert(vocabulary[id].Piece, vocabulary[id].Score, id);
        }
        VocabularySize = vocabulary.Count;
    }

    public int VocabularySize { get; }

    /// <summary>Reads <c>vocab.json</c>: an array of [piece, score] pairs, index = id; a null score counts as 0.</summary>
    public static SentencePieceTokenizer Load(string vocabJsonPath)
    {
        using var stream = File.OpenRead(vocabJsonPath);
        using var document = JsonDocument.Parse(stream);
        var vocabulary = new List<(string, double)>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var piece = entry[0].GetString() ?? "";
            var score = entry[1].ValueKind == JsonValueKind.Number ? entry[1].GetDouble() : 0.0;
            vocabulary.Add((piece, score));
        }
        return new SentencePieceTokenizer(vocabulary);
    }

    public int[] Encode(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        if (normalized.Length == 0)
        {
            return [];
        }
        var symbols = CodePoints(WordStart + normalized.Replace(' ', WordStart));
        var n = symbols.Length;
        var best = new double[n + 1];  // [n + 1] best path score ending at each position (0 = unset)
        var word = new int[n + 1];     // [n + 1] id of the last piece on that path
        var starts = new List<(int Start, int Id, double Score)>[n + 1];

        // Candidate lattice: every piece that starts at i, or one unknown code point.
        for (var i = 0; i < n; i++)
        {
            var node = _root;
            var matched = false;
            for (var j = i; j < n && node.Children.TryGetValue(symbols[j], out node); j++)
            {
                if (node.Id >= 0)
                {
                    (starts[j + 1] ??= []).Add((i, node.Id, node.Score));
                    matched = true;
                }
            }
            if (!matched)
            {
                (starts[i + 1] ??= []).Add((i, UnknownId, 0.0));
            }
        }

        // Viterbi in ascending start order; ">=" lets the later (shorter) candidate win a tie, and a
        // best of exactly 0 counts as unset, as in the reference.
        for (var end = 1; end <= n; end++)
        {
            if (starts[end] is not { } candidates)
            {
                continue;
            }
            candidates.Sort((a, b) => a.Start.CompareTo(b.Start));
            foreach (var (start, id, score) in candidates)
            {
                var total = score + best[start];
                if (best[end] == 0 || total >= best[end])
                {
                    best[end] = total;
                    word[end] = id;
                }
            }
        }

        var reversed = new List<int>();
        for (var position = n; position > 0; position -= _pieceLength[word[position]])
        {
            reversed.Add(word[position]);
        }
        var ids = new List<int>(reversed.Count);
        var previousUnknown = false;
        for (var i = 0; i < reversed.Count; i++)
        {
            var id = reversed[i];
            if (!(previousUnknown && id == UnknownId))
            {
                ids.Add(id);
            }
            previousUnknown = id == UnknownId;
        }
        ids.Reverse();
        return [.. ids];
    }

    private void Insert(string piece, double score, int id)
    {
        var node = _root;
        foreach (var symbol in CodePoints(piece))
        {
            if (!node.Children.TryGetValue(symbol, out var child))
            {
                child = new TrieNode();
                node.Children[symbol] = child;
            }
            node = child;
        }
        node.Id = id;
        node.Score = score;
    }

    private static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            points.Add(rune.Value);
        }
        return [.. points];
    }

    private sealed class TrieNode
    {
        public Dictionary<int, TrieNode> Children { get; } = [];

        public int Id { get; set; } = -1;

        public double Score { get; set; }
    }
}
