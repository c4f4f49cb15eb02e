using System.Text;
using Bot.Digests;

namespace Bot.Tests.Digests;

/// <summary>
/// Deterministic mutations of real digests: whatever the bytes, the parser either reads a digest or
/// refuses with a <see cref="DigestFormatException"/>. Any other exception is a bug.
/// </summary>
public class FuzzTests
{
    private const int Seed = 20260506;
    private const int Cases = 10_000;

    private static readonly DateOnly Arrival = new(2026, 5, 10);

    private static readonly string[] Header = [.. SampleDigests.StandardHeader, "May 6"];

    private static readonly string[] Inserts =
    [
        "\uD800", "\uDFFF", "\uDBFF\uDBFF", "\uDC00x", "\u0000", "\u0001", "\u0007", "\u001B[31m", "\u007F", "\u0085", "\u2028", "\u2029",
        "\uFEFF", "\u200B", "\u200D", "\u202E", "\uFFFD", "\uFFFF", "\uFFFE", "😀", "👩🏽‍🔬", "🇺🇳", "\U0001F600\u200D",
        "\u0301\u0301\u0301", "ﬁ", "Ｈ", "٦", "１２", "العربية", "中文", "\t", "\r", "\n", "\r\n", "\n\n", "{url}", "textbf{", "}", "{",
        "https://", "https://github.com/", "http://x.y/((((", "<", "<html><body>", "</p>", "&amp;", "May 6", "Feb 29", "Sept 31",
        "new", "Subscribe", "Daily Papers", ". ", "?", "-", "-\n", "...", "\\", "\"", "@everyone",
    ];

    private static IReadOnlyList<string> Bases { get; } = BuildBases();

    private static List<string> BuildBases()
    {
        var bases = new List<string>();
        foreach (var file in new[] { SampleDigests.File000, SampleDigests.File001, SampleDigests.File002 })
        {
            var papers = SampleDigests.PapersOf(file);
            var few = papers.Take(6).ToArray();
            bases.Add(SampleDigests.Compose(SampleDigests.HeaderOf(file), few));
            bases.Add(SampleDigests.Compose(Header, few, "\r\n"));
            bases.Add(SampleDigests.Compose(Header, few, "\r"));
            bases.Add(string.Join("\n\n", few.Select(p => p.Title + "\n" + p.Abstract)));
            bases.Add(string.Join("\n\n", Header) + "\n\n" + string.Join("\n\n", few.Select(p => p.Title + "\n\n" + WrapAt(p.Abstract, 70))));
            bases.Add("\uFEFF" + SampleDigests.Compose(["Daily Papers", "by AK and the research community", "May 6, 2024"], papers.Skip(10).Take(4)));
            bases.Add(Html(papers.Take(4)));
        }
        return bases;
    }

    private static string WrapAt(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        lines.Add(line.ToString());
        return string.Join("\n", lines);
    }

    private static string Html(IEnumerable<SamplePaper> papers) =>
        "<!DOCTYPE html><html><head><script>var x = '<p>';</script></head><body><header>Hugging Face</header><main><h1>Daily Papers</h1><p>May 6</p>\n"
        + string.Concat(papers.Select((p, i) =>
            $"<article><h3><a href=\"/papers/2305.{10000 + i}\">{System.Net.WebUtility.HtmlEncode(p.Title)}</a></h3>\n<p>{System.Net.WebUtility.HtmlEncode(p.Abstract)}</p></article>\n"))
        + "</main><footer>© Hugging Face</footer></body></html>";

    [Fact]
    public void Parse_TenThousandMutations_ParseOrThrowDigestFormatExceptionOnly()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var parsed = 0;
        var refused = 0;
        for (var index = 0; index < Cases; index++)
        {
            var (bytes, name, recipe) = MakeCase(random, index);
            try
            {
                var digest = DigestParser.Parse(bytes, name, Arrival);
                CheckInvariants(digest);
                parsed++;
            }
            catch (DigestFormatException error)
            {
                if (!error.Message.StartsWith(name, StringComparison.Ordinal) || !error.Message.Contains("expected", StringComparison.Ordinal))
                {
                    failures.Add($"case {index} (seed {Seed}, {recipe}): unclear refusal: {error.Message}");
                }
                refused++;
            }
            catch (Exception error)
            {
                failures.Add($"case {index} (seed {Seed}, {recipe}): {error.GetType().Name}: {error.Message}\n{error.StackTrace}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases failed; first ones:\n" + string.Join("\n\n", failures.Take(5)));
        Assert.True(parsed > Cases / 10 && refused > 0, $"the mutations should exercise both outcomes: {parsed} parsed, {refused} refused");
    }

    private static void CheckInvariants(ParsedDigest digest)
    {
        Assert.NotEmpty(digest.Papers);
        Assert.Equal(Enumerable.Range(1, digest.Papers.Count), digest.Papers.Select(p => p.Position));
        Assert.All(digest.Papers, p => Assert.NotEmpty(p.TitleKey));
        Assert.Equal(digest.Papers.Count, digest.Papers.Select(p => p.TitleKey).Distinct(StringComparer.Ordinal).Count());
    }

    private static (byte[] Bytes, string Name, string Recipe) MakeCase(Random random, int index)
    {
        var baseIndex = random.Next(Bases.Count);
        var text = Bases[baseIndex];
        var name = text.StartsWith("<!DOCTYPE", StringComparison.Ordinal) ? $"fuzz-{index}.html" : $"fuzz-{index}.txt";
        if (index % 500 == 499)
        {
            // Now and then a whole real file, so mutations also meet the full-size input.
            var files = new[] { SampleDigests.File000, SampleDigests.File001, SampleDigests.File002 };
            text = File.ReadAllText(SampleDigests.PathOf(files[random.Next(files.Length)]));
            name = $"fuzz-{index}.txt";
        }
        var recipe = new List<string> { $"base {baseIndex}" };
        var textMutations = random.Next(1, 4);
        for (var m = 0; m < textMutations; m++)
        {
            text = MutateText(random, text, recipe);
        }
        var bytes = Encode(random, text, recipe);
        if (random.Next(4) == 0)
        {
            bytes = MutateBytes(random, bytes, recipe);
        }
        return (bytes, name, string.Join(", ", recipe));
    }

    private static string MutateText(Random random, string text, List<string> recipe)
    {
        var lines = text.Split('\n').ToList();
        switch (random.Next(10))
        {
            case 0:
                if (lines.Count > 1)
                {
                    lines.RemoveAt(random.Next(lines.Count));
                }
                recipe.Add("delete line");
                break;
            case 1:
                var duplicate = random.Next(lines.Count);
                lines.Insert(duplicate, lines[duplicate]);
                recipe.Add("duplicate line");
                break;
            case 2:
                var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                recipe.Add("swap lines");
                break;
            case 3:
            case 4:
                var insertions = random.Next(1, 8);
                var builder = new StringBuilder(text);
                for (var i = 0; i < insertions; i++)
                {
                    var insert = random.Next(3) == 0 ? ((char)random.Next(0, 0x10000)).ToString() : Inserts[random.Next(Inserts.Length)];
                    builder.Insert(random.Next(builder.Length + 1), insert);
                }
                recipe.Add($"insert {insertions} odd strings");
                return builder.ToString();
            case 5:
                recipe.Add("remove blank lines");
                return string.Join("\n", lines.Where(l => l.Trim().Length > 0));
            case 6:
                var at = random.Next(lines.Count);
                var giant = random.Next(3) switch
                {
                    // Repeat a line of ordinary length only, so giant lines stay near 60 KB, not mutations on mutations.
                    0 => string.Concat(Enumerable.Repeat(lines[at][..Math.Min(lines[at].Length, 1_000)] + " ", 60)),
                    1 => new string((char)random.Next(0x20, 0x3000), random.Next(10_000, 60_000)),
                    _ => string.Concat(Enumerable.Repeat("https://github.com/a/b{url}.)", 1_500)),
                };
                lines.Insert(at, giant);
                recipe.Add($"giant line of {giant.Length}");
                break;
            case 7:
                recipe.Add("truncate text");
                return text[..random.Next(text.Length + 1)];
            case 8:
                var shuffled = random.Next(lines.Count);
                lines[shuffled] = new string(lines[shuffled].OrderBy(_ => random.Next()).ToArray());
                recipe.Add("shuffle a line's characters");
                break;
            default:
                var joinAt = random.Next(Math.Max(1, lines.Count - 1));
                if (lines.Count > 1)
                {
                    lines[joinAt] += lines[joinAt + 1];
                    lines.RemoveAt(joinAt + 1);
                }
                recipe.Add("join two lines");
                break;
        }
        return string.Join("\n", lines);
    }

    /// <summary>UTF-8 (with lone surrogates kept as raw three-byte sequences), sometimes with a BOM, sometimes UTF-16.</summary>
    private static byte[] Encode(Random random, string text, List<string> recipe)
    {
        switch (random.Next(8))
        {
            case 0:
                recipe.Add("utf-16le");
                var utf16 = new List<byte> { 0xFF, 0xFE };
                foreach (var c in text)
                {
                    utf16.Add((byte)c);
                    utf16.Add((byte)(c >> 8));
                }
                return utf16.ToArray();
            case 1:
                recipe.Add("utf-16be");
                return [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)];
            default:
                var bytes = new List<byte>(text.Length + 16);
                if (random.Next(6) == 0)
                {
                    bytes.AddRange([0xEF, 0xBB, 0xBF]);
                    recipe.Add("bom");
                }
                for (var i = 0; i < text.Length; i++)
                {
                    if (char.IsSurrogate(text[i]) && !(i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1])))
                    {
                        int c = text[i];
                        bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
                        continue;
                    }
                    var length = char.IsHighSurrogate(text[i]) ? 2 : 1;
                    bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
                    i += length - 1;
                }
                return bytes.ToArray();
        }
    }

    private static byte[] MutateBytes(Random random, byte[] bytes, List<string> recipe)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }
        switch (random.Next(3))
        {
            case 0:
                recipe.Add("truncate bytes");
                return bytes[..random.Next(bytes.Length)];
            case 1:
                var flips = random.Next(1, 20);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
                recipe.Add($"flip {flips} bits");
                return bytes;
            default:
                var position = random.Next(bytes.Length);
                bytes[position] = (byte)random.Next(0x80, 0x100);
                recipe.Add("stray high byte");
                return bytes;
        }
    }
}
