namespace Bot.Tests.Support;

/// <summary>Encodes text as Windows-1252 would save it (the code-pages provider is not registered in tests).</summary>
internal static class Cp1252
{
    private static readonly Dictionary<char, byte> Punctuation = new()
    {
        ['€'] = 0x80, ['‚'] = 0x82, ['„'] = 0x84, ['…'] = 0x85, ['‘'] = 0x91, ['’'] = 0x92, ['“'] = 0x93, ['”'] = 0x94,
        ['•'] = 0x95, ['–'] = 0x96, ['—'] = 0x97, ['™'] = 0x99,
    };

    public static byte[] GetBytes(string text) =>
        [.. text.Select(c => Punctuation.TryGetValue(c, out var b) ? b : c <= '\u00FF' ? (byte)c : throw new ArgumentException($"'{c}' is not in Windows-1252"))];
}
