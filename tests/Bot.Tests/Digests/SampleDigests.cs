using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Tests.Digests;

/// <summary>One paper as the sample file spells it, read without the parser.</summary>
internal sealed record SamplePaper(string Title, string Abstract);

/// <summary>
/// The shared digest samples, split into header lines and papers by the plain rule the files follow
/// (non-blank lines: the header, then title and abstract in turn), so tests can compare the parser
/// against an independent reading and build variants from real text.
/// </summary>
internal static partial class SampleDigests
{
    public const string File000 = "000_8b8fd2ba4d509a1e.txt";
    public const string File001 = "001_c677014fe1977e04.txt";
    public const string File002 = "002_a9c0d2177171b39a.txt";

    public static readonly string[] StandardHeader =
    [
        "new",
        "Get trending papers in your email inbox!",
        "Subscribe",
        "byAK and the research community",
    ];

    private static readonly Dictionary<string, (string[] Header, SamplePaper[] Papers)> Cache = new(StringComparer.Ordinal);

    public static string PathOf(string fileName) => Path.Combine(TestPaths.SharedDigests, fileName);

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(PathOf(fileName));

    public static IReadOnlyList<string> HeaderOf(string fileName) => Load(fileName).Header;

    public static IReadOnlyList<SamplePaper> PapersOf(string fileName) => Load(fileName).Papers;

    public static IReadOnlyList<SamplePaper> FirstPapers(string fileName, int count) => PapersOf(fileName).Take(count).ToArray();

    /// <summary>Writes a digest the way the samples are written: every line separated by a blank line.</summary>
    public static string Compose(IEnumerable<string> header, IEnumerable<SamplePaper> papers, string newline = "\n")
    {
        var lines = new List<string>(header);
        foreach (var paper in papers)
        {
            lines.Add(paper.Title);
            if (paper.Abstract.Length > 0)
            {
                lines.Add(paper.Abstract);
            }
        }
        return string.Join(newline + newline, lines);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static (string[] Header, SamplePaper[] Papers) Load(string fileName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out var loaded))
            {
                loaded = Split(File.ReadAllText(PathOf(fileName), Encoding.UTF8));
                Cache[fileName] = loaded;
            }
            return loaded;
        }
    }

    private static (string[] Header, SamplePaper[] Papers) Split(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var headerCount = lines.TakeWhile(l => IsHeaderLine(l.Trim())).Count();
        var body = lines.Skip(headerCount).ToList();
        if (body.Count % 2 != 0)
        {
            throw new InvalidOperationException("a sample has a title without an abstract; the split rule does not hold");
        }
        var papers = new SamplePaper[body.Count / 2];
        for (var i = 0; i < papers.Length; i++)
        {
            papers[i] = new SamplePaper(body[2 * i], body[2 * i + 1]);
        }
        return (lines.Take(headerCount).ToArray(), papers);
    }

    private static bool IsHeaderLine(string line) =>
        StandardHeader.Contains(line) || line is "Daily Papers" or "by AK and the research community" || MonthDay().IsMatch(line);

    [GeneratedRegex(@"^[A-Z][a-z]{2,8} [0-9]{1,2}$")]
    private static partial Regex MonthDay();
}
