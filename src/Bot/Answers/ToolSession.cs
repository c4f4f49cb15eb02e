using Bot.Store;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>
/// What one answer's conversation with the model has gathered: every paper shown to the model, numbered
/// in the order it first appeared (the papers retrieved before the model starts, then each one a tool
/// returned), so the answer may cite exactly those; and what the lookups and requests have cost. It
/// lives in the request's <see cref="Kernel.Data"/>, where the papers plugin and the round limit find it.
/// </summary>
public sealed class ToolSession(int maxRounds, int maxPapersPerCall, long maxTokens)
{
    private const string Key = "bot.answers.tool-session";

    private readonly Lock _lock = new();
    private readonly List<StoredPaper> _papers = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    public int MaxRounds { get; } = maxRounds;

    public int MaxPapersPerCall { get; } = maxPapersPerCall;

    /// <summary>Tokens this answer may spend over all its requests.</summary>
    public long MaxTokens { get; } = maxTokens;

    /// <summary>The papers the answer may cite: [n] is <c>Papers[n - 1]</c>.</summary>
    public IReadOnlyList<StoredPaper> Papers
    {
        get
        {
            lock (_lock)
            {
                return [.. _papers];
            }
        }
    }

    /// <summary>Tool calls run.</summary>
    public int Calls { get; private set; }

    /// <summary>Rounds of tool calls run (a round is one model reply asking for tools).</summary>
    public int Rounds { get; private set; }

    /// <summary>Tool calls refused because the round limit or the token budget was reached.</summary>
    public int Refused { get; private set; }

    /// <summary>The round whose calls were first refused: the model was told to answer then.</summary>
    public int? RefusedInRound { get; private set; }

    /// <summary>The model kept asking for tools after it was told to answer: the conversation was cut.</summary>
    public bool Cut { get; private set; }

    /// <summary>Tokens the server reported over this answer's requests.</summary>
    public long ReportedTokens { get; private set; }

    /// <summary>Tokens estimated from the text sent and received, for servers that report none.</summary>
    public long EstimatedTokens { get; private set; }

    /// <summary>Tokens of tool results so far: every later request sends them again.</summary>
    public long ToolResultTokens { get; private set; }

    public long Spent => ReportedTokens > 0 ? ReportedTokens : EstimatedTokens;

    public bool BudgetSpent => Spent >= MaxTokens;

    /// <summary>The paper's number in this conversation, given on first sight.</summary>
    public int Number(StoredPaper paper)
    {
        lock (_lock)
        {
            if (!_numbers.TryGetValue(paper.Id, out var number))
            {
                _papers.Add(paper);
                number = _papers.Count;
                _numbers[paper.Id] = number;
            }
            return number;
        }
    }

    /// <summary>The paper numbered <paramref name="number"/>, or null.</summary>
    public StoredPaper? Paper(int number)
    {
        lock (_lock)
        {
            return number >= 1 && number <= _papers.Count ? _papers[number - 1] : null;
        }
    }

    public void CountCall(int requestIndex, long resultTokens)
    {
        Calls++;
        Rounds = Math.Max(Rounds, requestIndex + 1);
        ToolResultTokens += resultTokens;
    }

    public void CountRefusal(int requestIndex)
    {
        Refused++;
        RefusedInRound ??= requestIndex;
    }

    public void MarkCut() => Cut = true;

    public void AddReported(long tokens) => ReportedTokens += tokens;

    public void AddEstimated(long tokens) => EstimatedTokens += tokens;

    public void AttachTo(Kernel kernel) => kernel.Data[Key] = this;

    public static ToolSession? Of(Kernel kernel) => kernel.Data.TryGetValue(Key, out var value) ? value as ToolSession : null;
}
