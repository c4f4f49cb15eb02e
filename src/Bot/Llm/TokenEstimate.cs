namespace Bot.Llm;

/// <summary>
/// A tokenizer-free token count: one token per four characters, rounded up, which is what OpenAI
/// quotes for English text with its BPE tokenizers. Good enough to pack context and to charge a
/// budget when a server reports no usage; never used where exactness matters.
/// </summary>
public static class TokenEstimate
{
    public const int CharactersPerToken = 4;

    public static int Of(string text) => (text.Length + CharactersPerToken - 1) / CharactersPerToken;
}
