using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// Sentences of an abstract that only point elsewhere ("Code is available at https://…", "We release our
/// models and data"): they share the paper's words with many questions but answer none of them, so an
/// extractive answer or summary never leads with one, unless the question asks where to find something.
/// </summary>
public static partial class AvailabilityNotice
{
    /// <summary>Whether the sentence is a notice of code, data, models or a page, or a bare link.</summary>
    public static bool Is(string sentence) =>
        Link().IsMatch(sentence) || MadeAvailable().IsMatch(sentence) || Released().IsMatch(sentence);

    /// <summary>Whether a question asks for code, data, a link or a release: then a notice is the answer.</summary>
    public static bool AskedFor(string question) => AsksWhere().IsMatch(question);

    [GeneratedRegex(@"https?://|\bwww\.|\bgithub\.com\b|\bhuggingface\.co\b", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    // "Our code and models are publicly available", "The dataset will be made available", "... can be found at".
    [GeneratedRegex(@"\b(code|codes|source|implementation|models?|weights|checkpoints?|data|datasets?|benchmarks?|demo|project page|website|resources|materials?)\b[^.]{0,80}\b(is|are|will be|has been|have been|can be|be)\s+(made\s+)?(publicly\s+|freely\s+|openly\s+)?(available|released|found|accessed|downloaded|open[- ]sourced)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex MadeAvailable();

    // "We release our code", "We open-source the models and data to facilitate future research".
    [GeneratedRegex(@"^\s*(we|the authors)\s+(also\s+|will\s+|further\s+)*(publicly\s+)?(release|open[- ]source|make available|provide|share)\s+(all\s+)?(the\s+|our\s+)?(code|codes|source code|implementation|models?|weights|checkpoints?|data|datasets?)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Released();

    // "Where is the code for X?", "Is there a GitHub link?", "Are the weights released?"; not "which papers improve code generation".
    [GeneratedRegex(@"\b(where|links?|urls?|github|repo|repository|download|homepage|project page)\b|\b(code|weights|checkpoints?|models?|data|datasets?|implementation)\b[^?]{0,40}\b(available|released|public|open[- ]sourced?)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhere();
}
