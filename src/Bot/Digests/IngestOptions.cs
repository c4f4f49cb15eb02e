using System.ComponentModel.DataAnnotations;

namespace Bot.Digests;

/// <summary>Ingest settings, bound from <c>Bot:Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string Section = "Bot:Ingest";

    /// <summary>Larger files are refused before they are read (a digest is a few hundred kilobytes).</summary>
    [Range(1, 1L << 31)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// How long reading one file may take before it is given up as unreadable: a FIFO or a device put
    /// where a digest was expected must not hold up the ingest for good.
    /// </summary>
    [Range(0.1, 3600)]
    public double ReadTimeoutSeconds { get; set; } = 10;

    /// <summary>File name endings a folder is scanned for; a file named explicitly is read whatever its name.</summary>
    public string[] Extensions { get; set; } = [".txt", ".html", ".htm", ".md"];

    /// <summary>
    /// How long reading one file (decoding, parsing, finding its papers) may take before that file fails;
    /// a 10 MB digest takes about a second. Every ingest path (CLI, inbox, console and Discord
    /// <c>/ingest</c>) goes through the same check.
    /// </summary>
    [Range(0.001, 3600)]
    public double ParseTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// HTML nesting deeper than this is refused before it is parsed (<see cref="HtmlNesting"/>): a digest
    /// page nests about 30 deep, and HTML parsing costs grow with the square of the depth.
    /// </summary>
    [Range(16, 4096)]
    public int MaxHtmlDepth { get; set; } = DigestLimits.Default.MaxHtmlDepth;

    /// <summary>An abstract is cut to this many characters, with a warning (arXiv allows 1,920).</summary>
    [Range(100, 1_000_000)]
    public int MaxAbstractChars { get; set; } = DigestLimits.Default.MaxAbstractChars;

    /// <summary>A longer "title" is no title (a paragraph of text, or no line breaks at all): it is reported and skipped.</summary>
    [Range(20, 100_000)]
    public int MaxTitleChars { get; set; } = DigestLimits.Default.MaxTitleChars;

    public DigestLimits Limits => new(MaxHtmlDepth, MaxAbstractChars, MaxTitleChars);
}
