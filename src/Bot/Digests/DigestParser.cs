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

        var papers = PaperBounds.Apply(assembled.Papers, limits, warnings, sourceName);
        if (papers.Count == 0)
        {
            throw new DigestFormatException(sourceName, $"found no papers{PaperBounds.OverlongLine(blocks, limits)}; {Expected}");
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
        if (withAbstract * 2 < papers.Count)
        {
            throw new DigestFormatException(sourceName,
                $"only {withAbstract} of {papers.Count} titles have an abstract after them{PaperBounds.OverlongLine(blocks, limits)}; {Expected}");
        }
        if (assembled.OrphanParagraphs > papers.Count)
        {
            throw new DigestFormatException(sourceName,
                $"{assembled.OrphanParagraphs} paragraphs have no title of their own, more than the {papers.Count} title{(papers.Count == 1 ? "" : "s")} found{PaperBounds.OverlongLine(blocks, limits)}; {Expected}");
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
            return DecodeUtf16(content[2..], bigEndian: probe[0] == 0xFE, warnings);
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

    /// <summary>
    /// A lone surrogate (half of a character, from a damaged file or a bad conversion) would silently
    /// become U+FFFD, shown as "�" in a title: it is dropped instead, and the report says how many.
    /// </summary>
    private static string DecodeUtf16(ReadOnlySpan<byte> content, bool bigEndian, List<string> warnings)
    {
        var strict = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        try
        {
            return strict.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            var units = new char[content.Length / 2];
            for (var i = 0; i < units.Length; i++)
            {
                units[i] = (char)(bigEndian ? (content[2 * i] << 8) | content[2 * i + 1] : content[2 * i] | (content[2 * i + 1] << 8));
            }
            var text = new StringBuilder(units.Length);
            var dropped = 0;
            for (var i = 0; i < units.Length; i++)
            {
                if (char.IsHighSurrogate(units[i]) && i + 1 < units.Length && char.IsLowSurrogate(units[i + 1]))
                {
                    text.Append(units[i]).Append(units[++i]);
                }
                else if (char.IsSurrogate(units[i]))
                {
                    dropped++;
                }
                else
                {
                    text.Append(units[i]);
                }
            }
            if (dropped > 0)
            {
                warnings.Add(dropped == 1
                    ? "1 lone UTF-16 surrogate (half a character) was not valid and was dropped"
                    : $"{dropped:N0} lone UTF-16 surrogates (half characters) were not valid and were dropped");
            }
            if (content.Length % 2 == 1)
            {
                warnings.Add("the UTF-16 file ends in half a character; that byte was dropped");
            }
            return text.ToString();
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
