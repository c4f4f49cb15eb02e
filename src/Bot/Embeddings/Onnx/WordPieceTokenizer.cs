using System.Buffers;
using System.Globalization;
using System.Text;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// BERT's tokenizer: clean, split CJK ideographs, lower-case and strip accents, split on whitespace and on
/// every punctuation character, then greedy longest-match-first WordPiece; adds [CLS] … [SEP] and
/// truncates to <see cref="WordPieceSettings.MaxLength"/>. Immutable, so one instance serves every thread.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly string[] tokenOfId;
    private readonly bool stripAccents;

    public WordPieceTokenizer(IReadOnlyDictionary<string, int> vocabulary, WordPieceSettings settings)
    {
        if (settings.MaxLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "MaxLength must leave room for [CLS] and [SEP].");
        }
        var vocab = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        lookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        tokenOfId = new string[vocab.Count == 0 ? 0 : vocab.Values.Max() + 1];
        foreach (var (token, id) in vocab)
        {
            tokenOfId[id] = token;
        }
        Settings = settings;
        stripAccents = settings.StripAccents ?? settings.Lowercase;
        UnknownId = IdOf(settings.UnknownToken);
        ClassifierId = IdOf(settings.ClassifierToken);
        SeparatorId = IdOf(settings.SeparatorToken);
        // Padding sits under a zero attention mask, so a vocabulary without [PAD] can pad with anything.
        PaddingId = vocab.GetValueOrDefault(settings.PaddingToken, 0);

        int IdOf(string token) => vocab.TryGetValue(token, out var id)
            ? id
            : throw new ArgumentException($"The vocabulary has no special token {token}.", nameof(vocabulary));
    }

    public WordPieceSettings Settings { get; }

    public int UnknownId { get; }
    public int ClassifierId { get; }
    public int SeparatorId { get; }
    public int PaddingId { get; }

    /// <summary>Reads a BERT <c>vocab.txt</c>: one token per line, the id is the line number from 0.</summary>
    public static WordPieceTokenizer FromVocabFile(string path, WordPieceSettings settings)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in File.ReadLines(path))
        {
            // Later duplicates keep the first id, as HF's loader does.
            vocab.TryAdd(line.TrimEnd('\r'), id++);
        }
        return new WordPieceTokenizer(vocab, settings);
    }

    /// <summary>[CLS], the word pieces of <paramref name="text"/> up to the length limit, then [SEP].</summary>
    public IReadOnlyList<WordPieceToken> Encode(string text)
    {
        var budget = Settings.MaxLength - 2;
        var tokens = new List<WordPieceToken>(Math.Min(Settings.MaxLength, text.Length + 2))
        {
            new(ClassifierId, Settings.ClassifierToken, new Range(0, 0)),
        };
        // The word being built, normalised, and for each of its chars the span of the original it came from.
        var word = ArrayPool<char>.Shared.Rent(64);
        var origin = ArrayPool<Range>.Shared.Rent(64);
        var length = 0;
        try
        {
            for (var i = 0; i < text.Length && tokens.Count - 1 < budget;)
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
                var source = new Range(i, i + consumed);
                i += consumed;
                if (Settings.CleanText && (rune.Value is 0 or 0xFFFD || IsControl(rune)))
                {
                    continue;
                }
                if (IsWhitespace(rune))
                {
                    FlushWord();
                }
                else if (Settings.HandleChineseChars && IsChineseIdeograph(rune.Value))
                {
                    FlushWord();
                    Append(text.AsSpan(source), source);
                    FlushWord();
                }
                else
                {
                    AppendNormalised(text.AsSpan(source), source);
                }
            }
            FlushWord();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(word);
            ArrayPool<Range>.Shared.Return(origin);
        }
        if (tokens.Count - 1 > budget)
        {
            tokens.RemoveRange(budget + 1, tokens.Count - 1 - budget);
        }
        tokens.Add(new WordPieceToken(SeparatorId, Settings.SeparatorToken, new Range(text.Length, text.Length)));
        return tokens;

        void AppendNormalised(ReadOnlySpan<char> original, Range source)
        {
            if (original.Length == 1 && original[0] < 0x80)
            {
                // ASCII has no accents: the common case stays free of allocation.
                var c = Settings.Lowercase ? char.ToLowerInvariant(original[0]) : original[0];
                AppendRune(new ReadOnlySpan<char>(in c), new Rune(c), source);
                return;
            }
            ReadOnlySpan<char> normalised = original;
            if (Settings.Lowercase || stripAccents)
            {
                var lowered = Settings.Lowercase ? original.ToString().ToLowerInvariant() : original.ToString();
                normalised = stripAccents ? StripAccents(lowered) : lowered;
            }
            // One original character may normalise to several (or none); each keeps the original's span.
            for (var j = 0; j < normalised.Length;)
            {
                Rune.DecodeFromUtf16(normalised[j..], out var rune, out var consumed);
                AppendRune(normalised.Slice(j, consumed), rune, source);
                j += consumed;
            }
        }

        void AppendRune(ReadOnlySpan<char> chars, Rune rune, Range source)
        {
            if (IsPunctuation(rune))
            {
                FlushWord();
                Append(chars, source);
                FlushWord();
            }
            else
            {
                Append(chars, source);
            }
        }

        void Append(ReadOnlySpan<char> chars, Range source)
        {
            if (length + chars.Length > word.Length)
            {
                Grow(ref word, length + chars.Length, length);
                Grow(ref origin, length + chars.Length, length);
            }
            foreach (var c in chars)
            {
                word[length] = c;
                origin[length++] = source;
            }
        }

        void FlushWord()
        {
            if (length > 0)
            {
                AddWordPieces(word.AsSpan(0, length), origin.AsSpan(0, length), tokens);
                length = 0;
            }
        }
    }

    /// <summary>Greedy longest-match-first; a word with any unmatched rest is one [UNK], as in BERT.</summary>
    private void AddWordPieces(ReadOnlySpan<char> word, ReadOnlySpan<Range> origin, List<WordPieceToken> tokens)
    {
        var wordSpan = new Range(origin[0].Start, origin[^1].End);
        if (CountRunes(word) > Settings.MaxInputCharsPerWord)
        {
            tokens.Add(new WordPieceToken(UnknownId, Settings.UnknownToken, wordSpan));
            return;
        }
        var prefix = Settings.ContinuingSubwordPrefix;
        var candidate = ArrayPool<char>.Shared.Rent(prefix.Length + word.Length);
        var firstPiece = tokens.Count;
        try
        {
            prefix.CopyTo(candidate);
            for (var start = 0; start < word.Length;)
            {
                var found = -1;
                var end = word.Length;
                for (; end > start; end -= char.IsLowSurrogate(word[end - 1]) && end - 2 >= start ? 2 : 1)
                {
                    var piece = word[start..end];
                    ReadOnlySpan<char> key = piece;
                    if (start > 0)
                    {
                        piece.CopyTo(candidate.AsSpan(prefix.Length));
                        key = candidate.AsSpan(0, prefix.Length + piece.Length);
                    }
                    if (lookup.TryGetValue(key, out found))
                    {
                        break;
                    }
                    found = -1;
                }
                if (found < 0)
                {
                    tokens.RemoveRange(firstPiece, tokens.Count - firstPiece);
                    tokens.Add(new WordPieceToken(UnknownId, Settings.UnknownToken, wordSpan));
                    return;
                }
                tokens.Add(new WordPieceToken(found, tokenOfId[found], new Range(origin[start].Start, origin[end - 1].End)));
                start = end;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(candidate);
        }
    }

    private static void Grow<T>(ref T[] buffer, int needed, int used)
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<T>.Shared.Return(buffer);
        buffer = larger;
    }

    private static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(rune);
            }
        }
        return kept.ToString();
    }

    private static int CountRunes(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += char.IsLowSurrogate(c) ? 0 : 1;
        }
        return count;
    }

    // BERT's _is_whitespace: space, tab, newline, carriage return, and category Zs.
    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    // BERT's _is_control: categories Cc and Cf, except the whitespace controls.
    private static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r')
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format;

    // BERT's _is_punctuation: every non-alphanumeric ASCII symbol ("$", "+", "^", "`" included, which
    // Unicode files under S*), and every character of the P* categories.
    private static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    // BERT's _is_chinese_char: the CJK Unified Ideographs blocks and their extensions and compatibility forms
    // (not Hiragana, Katakana or Hangul, which are split like any other letters).
    private static bool IsChineseIdeograph(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
