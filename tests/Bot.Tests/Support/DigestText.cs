using System.Globalization;
using System.Text;

namespace Bot.Tests.Support;

/// <summary>Writes digests in the text form the bot reads: header lines, then title and abstract paragraphs.</summary>
internal static class DigestText
{
    public const string Header = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n";

    public static string Build(string? dateLine, params (string Title, string Abstract)[] papers)
    {
        var text = new StringBuilder(Header);
        if (dateLine is not null)
        {
            text.Append(dateLine).Append("\n\n");
        }
        foreach (var (title, abstractText) in papers)
        {
            text.Append(title).Append("\n\n");
            if (abstractText.Length > 0)
            {
                text.Append(abstractText).Append("\n\n");
            }
        }
        return text.ToString();
    }

    /// <summary>An abstract that reads like one: several sentences, a final period.</summary>
    public static string Abstract(string topic) =>
        $"We study {topic} in a setting that earlier work left open. Our method improves the results of strong baselines on three benchmarks. " +
        $"Experiments show that {topic} can be learned from little data. Code and models are released for others to build on.";

    /// <summary>A large digest of <paramref name="count"/> distinct papers, each abstract about 600 characters.</summary>
    public static void WriteLarge(string path, int count)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write(Header);
        writer.Write("May 6\n\n");
        for (var i = 1; i <= count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            writer.Write($"Scalable Synthetic Benchmark {n}: Robust Widget Alignment for Model Number {n}\n\n");
            writer.Write($"We present synthetic study {n}, which examines how widget alignment behaves when models grow. ");
            writer.Write("Existing approaches align widgets with handcrafted rules, which fail on unseen layouts and long inputs. ");
            writer.Write("We propose a learned aligner that combines local evidence with global structure in one pass. ");
            writer.Write("Across four benchmarks it improves accuracy while halving the compute that strong baselines need. ");
            writer.Write("Ablations show that both the local and the global parts matter, and that the method scales smoothly. ");
            writer.Write($"We release code and data for study {n} so that others can reproduce every number in this report.\n\n");
        }
    }
}
