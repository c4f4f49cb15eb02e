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
}
