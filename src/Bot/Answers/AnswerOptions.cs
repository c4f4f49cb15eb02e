using System.ComponentModel.DataAnnotations;

namespace Bot.Answers;

/// <summary>Settings of <c>Bot:Answers</c>: how many papers an answer draws on and how long it is.</summary>
public sealed class AnswerOptions
{
    public const string Section = "Bot:Answers";

    /// <summary>Papers retrieved per question; their abstracts are the candidate sentences.</summary>
    [Range(1, 25)]
    public int Papers { get; set; } = 5;

    [Range(1, 10)]
    public int MaxSentences { get; set; } = 4;

    /// <summary>
    /// Cosine between question and sentence above which a sentence counts as a match even when they
    /// share no word (a paraphrase); below it, an answer needs shared words.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinCosine { get; set; } = 0.5;

    /// <summary>The folder of prompt templates; empty means the <c>prompts</c> folder beside the binaries.</summary>
    public string PromptsPath { get; set; } = "";

    public string ResolvedPromptsPath => PromptsPath.Length > 0 ? PromptsPath : Path.Combine(AppContext.BaseDirectory, "prompts");
}
