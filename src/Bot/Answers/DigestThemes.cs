using System.Numerics.Tensors;

namespace Bot.Answers;

/// <summary>One theme of a digest: its distinctive words, its most central paper, and every paper in it.</summary>
public sealed record DigestTheme(IReadOnlyList<string> Words, string RepresentativeTitle, IReadOnlyList<string> Titles);

/// <summary>
/// Groups a digest's papers into themes with k-means (cosine; the best of several seeded k-means++
/// starts, so the same digest always gives the same themes) over their embeddings centred on the
/// digest's mean, or, with no model, over TF-IDF word vectors. Each theme is named by the words that
/// tell its papers from the rest of the digest, and represented by the paper nearest its centre.
/// </summary>
public static class DigestThemes
{
    public static IReadOnlyList<DigestTheme> Find(IReadOnlyList<(string Title, string Abstract, float[]? Vector)> papers, int? themes = null)
    {
        if (papers.Count == 0)
        {
            return [];
        }
        var words = papers.Select(p => AnswerTerms.From(p.Title + " " + p.Abstract)).ToList();
        // How many of the digest's papers use each word: for the word vectors and every theme's name.
        var textFrequency = Count(words.SelectMany(w => w.Distinct()));
        var vectors = papers.All(p => p.Vector is not null) ? Centred([.. papers.Select(p => Unit(p.Vector!))]) : WordVectors(words, textFrequency);
        var k = Math.Clamp(themes ?? (int)Math.Round(Math.Sqrt(papers.Count / 2.0)), 1, Math.Min(8, papers.Count));
        var assignment = KMeans(vectors, k);

        // Themes are named from titles, which say what a paper is about; abstracts add the boilerplate
        // ("existing", "recent", "leads to") that only fills in when titles share too few words.
        var titleWords = papers.Select(p => AnswerTerms.From(p.Title)).ToList();
        var titleFrequency = Count(titleWords.SelectMany(w => w.Distinct()));
        var result = new List<DigestTheme>();
        foreach (var group in Enumerable.Range(0, k).Select(c => Enumerable.Range(0, papers.Count).Where(i => assignment[i] == c).ToList()).Where(g => g.Count > 0))
        {
            var centre = Centroid(group.Select(i => vectors[i]).ToList());
            var representative = group.MaxBy(i => TensorPrimitives.Dot(vectors[i], centre));
            var named = Name(group, titleWords, titleFrequency);
            var distinctive = named.Concat(Name(group, words, textFrequency).Where(w => !named.Contains(w))).Take(3)
                .Select(w => SurfaceForm(w, group.Select(i => papers[i]))).ToList();
            result.Add(new DigestTheme(distinctive, papers[representative].Title, group.Select(i => papers[i].Title).ToList()));
        }
        return result.OrderByDescending(t => t.Titles.Count).ToList();
    }

    /// <summary>Shows a word as the papers spell it most often ("tuning"), not as its stem ("tun").</summary>
    private static string SurfaceForm(string stem, IEnumerable<(string Title, string Abstract, float[]? Vector)> papers) =>
        papers.SelectMany(p => Search.QueryTerms.Words(p.Title + " " + p.Abstract))
            .Where(word => AnswerTerms.Stem(word) == stem)
            .GroupBy(word => word, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault() ?? stem;

    /// <summary>
    /// Up to three words that tell the theme's papers from the rest: how much more often each appears in
    /// them than in the others (a word every paper uses scores nothing); in a theme of three or more, a
    /// word of one paper names nothing.
    /// </summary>
    /// <param name="everywhere">How many of all the digest's papers use each word.</param>
    private static List<string> Name(List<int> group, IReadOnlyList<IReadOnlyList<string>> words, Dictionary<string, int> everywhere)
    {
        var others = words.Count - group.Count;
        return [.. Count(group.SelectMany(i => words[i].Distinct()))
            .Where(pair => (group.Count < 3 || pair.Value >= 2) && !HyphenPrefixes.Contains(pair.Key))
            .Select(pair => (Word: pair.Key, Score: Distinctiveness(pair.Value, group.Count, everywhere[pair.Key] - pair.Value, others)))
            .Where(w => w.Score > 0)
            .OrderByDescending(w => w.Score)
            .ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(3)
            .Select(w => w.Word)];
    }

    /// <summary>
    /// The share of the theme's papers using a word times how many times likelier it is there than in the
    /// other papers (smoothed): a log-odds weighting in the manner of class-based TF-IDF.
    /// </summary>
    private static double Distinctiveness(int inGroup, int groupSize, int inOthers, int others)
    {
        var here = (double)inGroup / groupSize;
        var elsewhere = (inOthers + 0.5) / (others + 1.0);
        return here * Math.Log(here / elsewhere);
    }

    /// <summary>What is left of "pre-trained" or "self-supervised" once words split at hyphens: no name for anything.</summary>
    private static readonly HashSet<string> HyphenPrefixes = new(["pre", "non", "self", "semi", "multi", "co", "re", "sub", "post", "un"], StringComparer.Ordinal);

    /// <summary>Starts tried; the grouping with the papers closest to their centres wins.</summary>
    private const int Starts = 8;

    private static int[] KMeans(IReadOnlyList<float[]> vectors, int k)
    {
        // A fixed seed: the same digest gets the same themes every time it is summarised (and cached).
        var random = new Random(k * 7919 + vectors.Count);
        int[]? best = null;
        var bestFit = double.MinValue;
        for (var start = 0; start < Starts; start++)
        {
            var (assignment, fit) = KMeansFrom(vectors, PlusPlusStart(vectors, k, random));
            if (fit > bestFit)
            {
                (best, bestFit) = (assignment, fit);
            }
        }
        return best!;
    }

    /// <summary>k-means++: each next centre drawn with odds growing with its distance from the chosen ones, so outliers rarely start a theme alone.</summary>
    private static List<float[]> PlusPlusStart(IReadOnlyList<float[]> vectors, int k, Random random)
    {
        var centres = new List<float[]> { vectors[random.Next(vectors.Count)] };
        while (centres.Count < k)
        {
            var distances = vectors.Select(v => Math.Pow(Math.Max(0, 1 - centres.Max(c => TensorPrimitives.Dot(v, c))), 2)).ToArray();
            var total = distances.Sum();
            var pick = random.NextDouble() * total;
            var next = 0;
            for (var acc = 0.0; next < vectors.Count - 1 && (acc += distances[next]) < pick; next++)
            {
            }
            centres.Add(vectors[total > 0 ? next : random.Next(vectors.Count)]);
        }
        return centres;
    }

    /// <returns>Each paper's theme, and the sum of their cosines to their theme's centre.</returns>
    private static (int[] Assignment, double Fit) KMeansFrom(IReadOnlyList<float[]> vectors, List<float[]> centres)
    {
        var k = centres.Count;
        var assignment = new int[vectors.Count];
        for (var iteration = 0; iteration < 25; iteration++)
        {
            var changed = false;
            for (var i = 0; i < vectors.Count; i++)
            {
                var best = Enumerable.Range(0, k).MaxBy(c => TensorPrimitives.Dot(vectors[i], centres[c]));
                changed |= best != assignment[i];
                assignment[i] = best;
            }
            for (var c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, vectors.Count).Where(i => assignment[i] == c).Select(i => vectors[i]).ToList();
                if (members.Count > 0)
                {
                    centres[c] = Centroid(members);
                }
            }
            if (!changed && iteration > 0)
            {
                break;
            }
        }
        var fit = Enumerable.Range(0, vectors.Count).Sum(i => (double)TensorPrimitives.Dot(vectors[i], centres[assignment[i]]));
        return (assignment, fit);
    }

    /// <summary>
    /// A small model's vectors share a large common direction, so raw cosines crowd together and most
    /// papers fall into one theme; taking the digest's mean away leaves what sets each paper apart.
    /// </summary>
    private static List<float[]> Centred(IReadOnlyList<float[]> vectors)
    {
        if (vectors.Count < 3)
        {
            return [.. vectors];
        }
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector, mean);
        }
        TensorPrimitives.Divide(mean, vectors.Count, mean);
        return [.. vectors.Select(v =>
        {
            var centred = new float[v.Length];
            TensorPrimitives.Subtract(v, mean, centred);
            return Unit(centred);
        })];
    }

    private static List<float[]> WordVectors(List<IReadOnlyList<string>> words, Dictionary<string, int> documentFrequency)
    {
        var vocabulary = words.SelectMany(w => w).Distinct().Order(StringComparer.Ordinal).Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
        return words.Select(document =>
        {
            var vector = new float[vocabulary.Count];
            foreach (var word in document)
            {
                vector[vocabulary[word]] += (float)Math.Log((double)words.Count / documentFrequency[word] + 1);
            }
            return Unit(vector);
        }).ToList();
    }

    private static Dictionary<string, int> Count(IEnumerable<string> words)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        return counts;
    }

    private static float[] Centroid(IReadOnlyList<float[]> members)
    {
        var sum = new float[members[0].Length];
        foreach (var member in members)
        {
            TensorPrimitives.Add(sum, member, sum);
        }
        return Unit(sum);
    }

    private static float[] Unit(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        return norm > 0 ? vector.Select(v => v / norm).ToArray() : vector;
    }
}
