namespace Bot.Digests;

/// <summary>
/// Windows-1252, what "not UTF-8" usually means for a text file saved on Windows: Latin-1 except that
/// bytes 0x80-0x9F are typographic punctuation (’ “ ” – — …) rather than invisible C1 controls, which
/// the line cleaner would drop, gluing "teacher–student" into one word. The five bytes Windows-1252
/// leaves undefined stay C1 controls, as Latin-1 reads them. A table rather than the code-pages
/// provider, which would have to be registered process-wide.
/// </summary>
public static class Windows1252
{
    private static readonly char[] High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static string GetString(ReadOnlySpan<byte> bytes) =>
        string.Create(bytes.Length, bytes.ToArray(), static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var b = source[i];
                chars[i] = b is >= 0x80 and <= 0x9F ? High[b - 0x80] : (char)b;
            }
        });
}
