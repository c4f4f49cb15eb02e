using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// Which sentences of an abstract are background: those before the first one where the authors speak of
/// their own work ("we propose", "our method", "this paper"). Abstracts mostly set the scene first, then
/// say what they do and find; a question is answered by the second part, and so is a summary. An abstract
/// with no such sentence has no background (nothing tells the parts apart).
/// </summary>
public static partial class AbstractRoles
{
    /// <summary>One flag per sentence, in order: true for background.</summary>
    public static bool[] Background(IReadOnlyList<string> sentences)
    {
        var flags = new bool[sentences.Count];
        var first = -1;
        for (var i = 0; i < sentences.Count && first < 0; i++)
        {
            if (OwnWork().IsMatch(sentences[i]))
            {
                first = i;
            }
        }
        for (var i = 0; i < first; i++)
        {
            flags[i] = true;
        }
        return flags;
    }

    [GeneratedRegex(@"\b(we|our|us)\b|\bthis (paper|work|study|article|report)\b|\bhere,? we\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnWork();
}
