using System.Text;
using Bot.Digests;

namespace Bot.Bench;

/// <summary>
/// The words of real digests ranked by how often they occur, sampled with Zipf's law
/// (P(rank r) ∝ 1 / (r + 2.7), Mandelbrot's shift): synthetic text then has the term statistics
/// of real text (a few words in most documents, a long tail in few), which is what BM25 cost depends on.
/// </summary>
public sealed class ZipfVocabulary
{
    private const double Shift = 2.7;

    private readonly string[] _words;        // [Count], most frequent first
    private readonly double[] _cumulative;   // [Count], running sum of the Zipf weights, last = 1

    private ZipfVocabulary(string[] words)
    {
        _words = words;
        _cumulative = new double[words.Length];
        double sum = 0;
        for (var rank = 0; rank < words.Length; rank++)
        {
            sum += 1.0 / (rank + 1 + Shift);
            _cumulative[rank] = sum;
        }
        for (var rank = 0; rank < words.Length; rank++)
        {
            _cumulative[rank] /= sum;
        }
    }

    public int Count => _words.Length;

    /// <summary>Reads every digest under <paramref name="folder"/> and ranks the words of titles and abstracts.</summary>
    public static ZipfVocabulary FromDigests(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new BenchException($"{folder}: no such folder (the vocabulary comes from real digests; pass --digests)");
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            ParsedDigest digest;
            try
            {
                digest = DigestParser.Parse(File.ReadAllBytes(file), Path.GetFileName(file), new DateOnly(2026, 1, 1));
            }
            catch (DigestFormatException)
            {
                continue; // README.md and other non-digests
            }
            foreach (var paper in digest.Papers)
            {
                CountWords(paper.Title, counts);
                CountWords(paper.Abstract, counts);
            }
        }
        if (counts.Count < 100)
        {
            throw new BenchException($"{folder}: the digests there hold only {counts.Count} distinct words; a vocabulary needs real digests");
        }
        var ranked = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).ToArray();
        return new ZipfVocabulary(ranked);
    }

    public string Sample(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _words[Math.Min(index < 0 ? ~index : index, _words.Length - 1)];
    }

    /// <summary>Appends <paramref name="count"/> sampled words, in sentences of 8 to 25 words.</summary>
    public void AppendText(StringBuilder text, Random random, int count, bool sentences)
    {
        var untilStop = random.Next(8, 26);
        var capitalize = true;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }
            var word = Sample(random);
            if (capitalize)
            {
                text.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                capitalize = false;
            }
            else
            {
                text.Append(word);
            }
            if (sentences && --untilStop == 0)
            {
                text.Append('.');
                untilStop = random.Next(8, 26);
                capitalize = true;
            }
        }
        if (sentences && text.Length > 0 && text[^1] != '.')
        {
            text.Append('.');
        }
    }

    private static void CountWords(string text, Dictionary<string, int> counts)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            Add(word.ToString());
        }

        void Add(string w) => counts[w] = counts.GetValueOrDefault(w) + 1;
    }
}
