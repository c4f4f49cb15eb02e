using System.Text;

namespace Bot.Digests;

/// <summary>
/// Reads one digest file, text or HTML, into a <see cref="ParsedDigest"/>, or explains with a
/// <see cref="DigestFormatException"/> why the input is not a digest.
/// </summary>
public static class DigestParser
{
    public const string Expected =
        "expected a Daily Papers digest: optional header lines, then each paper as a title line followed by its abstract paragraph";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Characters the longest abstract of a text file without the Daily Papers header must reach (real abstracts run 600-2,000).</summary>
    private const int MinHeaderlessAbstract = 200;

    /// <summary>Invalid bytes a UTF-8 file may hold (or one in a thousand characters) and still be read as UTF-8.</summary>
    private const int MaxStrayBytes = 3;

    /// <param name="arrival">When the file arrived, in the bot's time zone: resolves a header date without a year.</param>
    /// <param name="limits">What the file may hold; <see cref="DigestLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">The ingest time budget: every stage checks it, so reading stops soon after it is spent.</param>
    public static ParsedDigest Parse(ReadOnlySpan<byte> content, string sourceName, DateOnly arrival, DigestLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= DigestLimits.Default;
        var warnings = new List<string>();
        if (content.IsEmpty)
        {
            throw new DigestFormatException(sourceName, $"the file is empty; {Expected}");
        }
        var text = Decode(content, sourceName, warnings, out var readAsLatin1);
        if (ProseShape.LooksBinary(text, readAsLatin1))
        {
            throw new DigestFormatException(sourceName, $"this looks like a binary file, not a digest; {Expected}");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var isHtml = LooksLikeHtml(sourceName, text);
        if (isHtml && HtmlNesting.Deepest(text, limits.MaxHtmlDepth, cancellationToken) > limits.MaxHtmlDepth)
        {
            throw new DigestFormatException(sourceName,
                $"the HTML nests elements more than {limits.MaxHtmlDepth:N0} deep (Bot:Ingest:MaxHtmlDepth); a digest page nests a few dozen, and reading deeper nesting takes time that grows with the square of the depth; {Expected}");
        }
        var blocks = isHtml ? HtmlDigestReader.ReadBlocks(text, limits.MaxHtmlDepth, cancellationToken) : TextDigestReader.ReadBlocks(text, cancellationToken);
        var assembled = DigestAssembler.Assemble(blocks, cancellationToken);
        warnings.AddRange(assembled.Warnings);

        var papers = assembled.Papers;
        if (papers.Count == 0)
        {
            throw new DigestFormatException(sourceName, $"found no papers; {Expected}");
        }
        // Any web page has headings and paragraphs; a Daily Papers page or email also links its papers
        // (huggingface.co/papers, arXiv) or carries the Daily Papers header.
        if (isHtml && assembled.HeaderLines == 0 && !papers.Any(p => p.Links.Any(l => l.Kind == "paper")))
        {
            throw new DigestFormatException(sourceName,
                $"this web page links to no papers (Hugging Face or arXiv) and has no Daily Papers header, so it is not a Daily Papers digest; {Expected}");
        }
        // An abstract is prose: source code, data or noise split at blank lines also gives "title" and
        // "paragraph" blocks, but hardly ever words ending sentences ("memory. ", "results."); a blog's
        // one-line blurb under a heading is no abstract either.
        var withAbstract = papers.Count(p => ProseShape.IsAbstract(p.Abstract));
        if (withAbstract * 2 < papers.Count || assembled.OrphanParagraphs > papers.Count)
        {
            throw new DigestFormatException(sourceName,
                $"only {withAbstract} of {papers.Count} titles have an abstract after them; {Expected}");
        }

        // A note, a README or a to-do list also splits into a heading over a sentence or two. Without the
        // Daily Papers header, at least one paper must have an abstract of a paper's length.
        if (!isHtml && assembled.HeaderLines == 0 && !papers.Any(p => p.Abstract.Length >= MinHeaderlessAbstract))
        {
            throw new DigestFormatException(sourceName,
                $"no Daily Papers header and no abstract of a paper's length ({MinHeaderlessAbstract}+ characters): this reads as notes, not a digest; {Expected}");
        }

        var date = assembled.Date?.Resolve(arrival) ?? arrival;
        return new ParsedDigest(sourceName, isHtml ? "html" : "text", date, assembled.Date is not null, Deduplicate(papers, sourceName, warnings), warnings);
    }

    private static string Decode(ReadOnlySpan<byte> content, string sourceName, List<string> warnings, out bool readAsLatin1)
    {
        readAsLatin1 = false;
        var probe = content[..Math.Min(content.Length, 8192)];
        if (probe.Length >= 2 && ((probe[0] == 0xFF && probe[1] == 0xFE) || (probe[0] == 0xFE && probe[1] == 0xFF)))
        {
            return (probe[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(content[2..]);
        }
        if (probe.IndexOf((byte)0) >= 0)
        {
            throw new DigestFormatException(sourceName, $"this is a binary file, not text; {Expected}");
        }
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            // A UTF-8 file with a stray byte or two (a paste from elsewhere) stays UTF-8: read as Latin-1,
            // every accent in it would turn to mojibake. Many bad bytes mean another encoding.
            var lenient = Encoding.UTF8.GetString(content);
            var invalid = lenient.Count(c => c == '\uFFFD');
            var multiByte = lenient.Count(c => c > '\u007F' && c != '\uFFFD');
            if (multiByte > 0 && invalid <= Math.Max(MaxStrayBytes, lenient.Length / 1000) && invalid * 4 <= multiByte)
            {
                warnings.Add($"{invalid} byte{(invalid == 1 ? " was" : "s were")} not valid UTF-8 and {(invalid == 1 ? "was" : "were")} dropped; the rest read as UTF-8");
                return lenient.Replace("\uFFFD", "", StringComparison.Ordinal);
            }
            warnings.Add("the file is not valid UTF-8; read it as Windows-1252 (Latin-1)");
            readAsLatin1 = true;
            return Windows1252.GetString(content);
        }
    }

    private static bool LooksLikeHtml(string sourceName, string text)
    {
        var extension = Path.GetExtension(sourceName);
        if (extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (start.StartsWith("<", StringComparison.Ordinal) && text.Contains("<body", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A digest that lists the same paper twice keeps the first listing.</summary>
    private static IReadOnlyList<DigestPaper> Deduplicate(IReadOnlyList<DigestPaper> papers, string sourceName, List<string> warnings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<DigestPaper>(papers.Count);
        foreach (var paper in papers)
        {
            if (paper.TitleKey.Length == 0)
            {
                warnings.Add($"title {DigestAssembler.Preview(paper.Title)} has no letters or digits; skipped");
                continue;
            }
            if (!seen.Add(paper.TitleKey))
            {
                warnings.Add($"paper {DigestAssembler.Preview(paper.Title)} is listed twice; kept the first");
                continue;
            }
            unique.Add(paper with { Position = unique.Count + 1 });
        }
        if (unique.Count == 0)
        {
            throw new DigestFormatException(sourceName, $"no paper has a usable title; {Expected}");
        }
        return unique;
    }
}
