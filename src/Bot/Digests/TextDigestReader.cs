namespace Bot.Digests;

/// <summary>
/// Splits the plain-text digest into blocks at blank lines. Line endings (CRLF, CR), tabs, trailing
/// spaces and invisible format characters are normalised here so the assembler sees clean lines.
/// </summary>
public static class TextDigestReader
{
    public static IReadOnlyList<DigestBlock> ReadBlocks(string text)
    {
        var blocks = new List<DigestBlock>();
        var current = new List<string>();
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = CleanLine(rawLine);
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            current.Add(line);
        }
        Flush();
        return blocks;

        void Flush()
        {
            if (current.Count > 0)
            {
                blocks.Add(new DigestBlock(current.ToArray()));
                current.Clear();
            }
        }
    }

    internal static string CleanLine(string line)
    {
        var builder = new System.Text.StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c is '\t' or '\u00A0' or '\u2007' or '\u202F')
            {
                builder.Append(' ');
            }
            else if (c is '\uFEFF' or '\u200B' or '\u200E' or '\u200F' || (char.IsControl(c) && c != '\n'))
            {
                // Byte-order marks, zero-width spaces, direction marks and stray control characters carry no text.
            }
            else
            {
                builder.Append(c);
            }
        }
        var cleaned = builder.ToString().Trim();
        while (cleaned.Contains("  ", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("  ", " ", StringComparison.Ordinal);
        }
        return cleaned;
    }
}
