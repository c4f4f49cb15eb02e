namespace Bot.Answers;

/// <summary>
/// An answer to a question: text whose sentences end with citation numbers like "[1]", the papers
/// those numbers stand for, whether a language model wrote it, and a note for the reader.
/// </summary>
public sealed record Answer(string Text, IReadOnlyList<Citation> Sources, bool FromLanguageModel, string? Note);

/// <summary>A numbered source: [Number] in the answer text is this paper.</summary>
public sealed record Citation(int Number, string PaperId, string Title, string? Link);
