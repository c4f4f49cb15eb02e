using System.Text;
using Bot.Store;

namespace Bot.Answers;

/// <summary>
/// A model's text checked as it streams in, by <see cref="CitationValidator"/>'s rules, in one pass:
/// a sentence is split off once the next one has begun, scanned for leaks once (<see cref="LeakScan"/>),
/// and shown once its verdict is settled; its citations are then renumbered and it is never looked at
/// again. Each piece costs about its own length, so a long answer is not re-read from the top for every
/// piece the model sends. <see cref="Complete"/> ends the text: the last sentence counts too.
/// </summary>
public sealed class AnswerValidation(IReadOnlyList<StoredPaper> papers, AnswerGuard guard, CitationRule rule = CitationRule.EveryClaim)
{
    private static readonly char[] Ends = ['.', '!', '?', '\n'];

    private readonly IReadOnlySet<string> _allowedLinks = ModelLinks.Allowed(papers);
    private readonly LeakScan _scan = guard.Start();
    private readonly StringBuilder _pending = new();
    private readonly List<(string Text, int Line)> _waiting = [];
    private readonly Dictionary<int, int> _numbers = [];
    private readonly List<Citation> _sources = [];
    private readonly StringBuilder _text = new();
    private bool _mayEnd;
    private int _line;
    private int _lastShownLine = -1;
    private int _checked;

    /// <summary>What is validated so far: the settled sentences, numbered.</summary>
    public ValidatedText Current => new(_text.ToString(), [.. _sources]);

    /// <summary>Adds the next piece of the model's text; true when <see cref="Current"/> grew.</summary>
    public bool Append(string piece)
    {
        _pending.Append(piece);
        // A sentence ends only at a period, '!', '?' or line end: without one there is nothing to split off.
        _mayEnd |= piece.AsSpan().IndexOfAny(Ends) >= 0;
        if (_mayEnd)
        {
            var pending = _pending.ToString();
            var lineEnd = pending.LastIndexOf('\n');
            var open = SentenceSplitter.Split(pending[(lineEnd + 1)..]);
            // The last sentence of the open line may still be growing; everything before it is final.
            var complete = open.Count <= 1 ? lineEnd + 1 : lineEnd + 1 + open[^1].Start;
            if (complete > 0)
            {
                _pending.Remove(0, complete);
                _mayEnd = _pending.ToString().AsSpan().IndexOfAny(Ends) >= 0;
                Take(pending[..complete]);
            }
        }
        // The sentence being written may already show that the last ones quote nothing.
        _scan.LookAhead(_pending.ToString(0, Math.Min(_pending.Length, 1024)));
        return Show();
    }

    /// <summary>The text has ended: its last sentence is checked too, and this is the validated whole.</summary>
    public ValidatedText Complete()
    {
        Take(_pending.ToString());
        _pending.Clear();
        _scan.End();
        Show();
        return Current;
    }

    private void Take(string text)
    {
        var lines = ModelLinks.Clean(text, _allowedLinks).Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                _line++;
            }
            foreach (var sentence in SentenceSplitter.Split(lines[i]))
            {
                _scan.Add(sentence.Text);
                _waiting.Add((sentence.Text, _line));
            }
        }
    }

    /// <summary>Validates and shows the sentences whose leak verdict is final.</summary>
    private bool Show()
    {
        var grew = false;
        for (; _checked < _scan.Settled; _checked++)
        {
            var (text, line) = _waiting[_checked];
            _waiting[_checked] = default;
            if (_scan.Leaking(_checked) || CitationValidator.Check(text, papers, rule, _numbers, _sources) is not { Length: > 0 } kept)
            {
                continue;
            }
            if (_text.Length > 0)
            {
                _text.Append(line == _lastShownLine ? ' ' : '\n');
            }
            _text.Append(kept);
            _lastShownLine = line;
            grew = true;
        }
        return grew;
    }
}
