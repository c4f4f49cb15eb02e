using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// One answer checked by an <see cref="AnswerGuard"/> as its sentences arrive, in one pass: the last
/// eight words and ten key characters are kept across sentence ends, so a quote or a key split over
/// several sentences is caught, and each new sentence costs only its own length. A sentence's verdict
/// could still change while the words (or key characters) from it to the end of the text so far begin
/// some quote of the prompt (or stretch of the key); once none does, it is <see cref="Settled"/>, and a
/// streamed answer may show it. Most sentences settle as soon as they end.
/// </summary>
public sealed partial class LeakScan(AnswerGuard guard)
{
    // Seven words fit in far less; a text ahead with longer words just leaves the sentence waiting.
    private const int LookAheadLength = 512;

    private readonly List<bool> _leaking = [];
    // Where each sentence's words and key characters start and end, counted over the whole answer.
    private readonly List<(long FirstWord, long EndWord, long FirstCharacter, long EndCharacter)> _spans = [];
    private readonly Queue<(string Word, int Sentence)> _recentWords = new();
    private readonly Queue<(char Character, int Sentence)> _recentCharacters = new();
    private long _words;
    private long _characters;
    private bool _ended;

    public int Count => _leaking.Count;

    /// <summary>How many sentences, from the first, have a final verdict.</summary>
    public int Settled { get; private set; }

    public bool Leaking(int sentence) => _leaking[sentence];

    /// <summary>Adds the next sentence of the answer; returns its index.</summary>
    public int Add(string sentence)
    {
        if (_ended)
        {
            throw new InvalidOperationException("The answer has ended.");
        }
        var index = _leaking.Count;
        var (firstWord, firstCharacter) = (_words, _characters);
        var text = AnswerGuard.Normalise(sentence);
        _leaking.Add(guard.SecretWindows.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)));
        foreach (var word in AnswerGuard.Words(text))
        {
            _words++;
            Push(_recentWords, (word, index), AnswerGuard.ShingleWords);
            if (_recentWords.Count == AnswerGuard.ShingleWords && guard.InstructionShingles.Contains(string.Join(' ', _recentWords.Select(w => w.Word))))
            {
                Mark(_recentWords.Select(w => w.Sentence));
            }
        }
        if (guard.CompactSecretWindows.Count > 0)
        {
            foreach (var character in AnswerGuard.Compact(text))
            {
                _characters++;
                Push(_recentCharacters, (character, index), AnswerGuard.KeyWindow);
                if (_recentCharacters.Count == AnswerGuard.KeyWindow && guard.CompactSecretWindows.Contains(new string([.. _recentCharacters.Select(c => c.Character)])))
                {
                    Mark(_recentCharacters.Select(c => c.Sentence));
                }
            }
        }
        _spans.Add((firstWord, _words, firstCharacter, _characters));
        while (Settled < _spans.Count && IsSettled(_spans[Settled], [], []))
        {
            Settled++;
        }
        return index;
    }

    /// <summary>The answer is complete: nothing more can join a sentence's quote, so every verdict is final.</summary>
    public void End()
    {
        _ended = true;
        Settled = _leaking.Count;
    }

    /// <summary>
    /// Settles what the start of the text still to come (the sentence being written) already decides:
    /// a sentence whose open quotes that text continues into no shingle (key window) need not wait for
    /// the next sentence to end. Only the words before the first link, marker or bracket, and before a
    /// word that may still be growing, count: the rest may yet read differently.
    /// </summary>
    public void LookAhead(string next)
    {
        if (_ended || Settled == Count)
        {
            return;
        }
        var text = next.Length > LookAheadLength ? next[..LookAheadLength] : next;
        if (Unsettling().Match(text) is { Success: true } cut)
        {
            text = text[..cut.Index];
        }
        var wordEnd = text.Length;
        while (wordEnd > 0 && char.IsLetterOrDigit(text[wordEnd - 1]))
        {
            wordEnd--;
        }
        text = AnswerGuard.Normalise(text[..wordEnd]);
        string[] words = [.. AnswerGuard.Words(text).Take(AnswerGuard.ShingleWords - 1)];
        string[] characters = [.. AnswerGuard.Compact(text).Take(AnswerGuard.KeyWindow - 1).Select(c => c.ToString())];
        while (Settled < _spans.Count && IsSettled(_spans[Settled], words, characters))
        {
            Settled++;
        }
    }

    /// <summary>
    /// No quote or key stretch still open could reach back into the sentence: every run of words
    /// (characters) from within it to the end of what is known is the start of no shingle (key
    /// window), nor, where the text ahead completes one, a whole one.
    /// </summary>
    private bool IsSettled((long FirstWord, long EndWord, long FirstCharacter, long EndCharacter) span, string[] aheadWords, string[] aheadCharacters) =>
        !MayContinue([.. _recentWords.Select(w => w.Word), .. aheadWords], _words, _recentWords.Count, span.FirstWord, span.EndWord,
            AnswerGuard.ShingleWords, guard.InstructionShingles, guard.InstructionPrefixes, " ")
        && (guard.CompactSecretWindows.Count == 0
            || !MayContinue([.. _recentCharacters.Select(c => c.Character.ToString()), .. aheadCharacters], _characters, _recentCharacters.Count, span.FirstCharacter, span.EndCharacter,
                AnswerGuard.KeyWindow, guard.CompactSecretWindows, guard.SecretPrefixes, ""));

    /// <param name="known">The last <paramref name="recent"/> items added (the last is item <paramref name="total"/> − 1), then the items ahead.</param>
    private static bool MayContinue(string[] known, long total, int recent, long first, long end, int window, HashSet<string> whole, HashSet<string> prefixes, string separator)
    {
        if (first == end)
        {
            return false;
        }
        // A window not yet checked ends past the items added and, to reach into the sentence, starts at or before its last item.
        for (var start = Math.Max(Math.Max(total - window + 1, first - window + 1), 0); start < end; start++)
        {
            var from = (int)(start - (total - recent));
            var length = Math.Min(window, known.Length - from);
            if ((length == window ? whole : prefixes).Contains(string.Join(separator, known, from, length)))
            {
                return true;
            }
        }
        return false;
    }

    private static void Push<T>(Queue<T> window, T item, int size)
    {
        window.Enqueue(item);
        if (window.Count > size)
        {
            window.Dequeue();
        }
    }

    private void Mark(IEnumerable<int> sentences)
    {
        foreach (var sentence in sentences)
        {
            _leaking[sentence] = true;
        }
    }

    // What a link or citation filter may still rewrite: markdown and autolinks, markers, URLs.
    [GeneratedRegex(@"[\[\(<［【（]|\b(?:https?|ftp|www)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Unsettling();
}
