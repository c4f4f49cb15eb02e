namespace Bot.Digests;

/// <summary>
/// Splits the plain-text digest into blocks at blank lines. Line endings (CRLF, CR), tabs, trailing
/// spaces and invisible characters are normalised (<see cref="LineCleaner"/>) so the assembler sees clean lines.
/// </summary>
public static class TextDigestReader
{
    public static IReadOnlyList<DigestBlock> ReadBlocks(string text, CancellationToken cancellationToken = default)
    {
        var blocks = new List<DigestBlock>();
        var current = new List<string>();
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = LineCleaner.CleanLine(rawLine);
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
}
