using System.Numerics.Tensors;

namespace Bot.Answers;

/// <summary>One theme of a digest: its distinctive words, its most central paper, and every paper in it.</summary>
public sealed record DigestTheme(IReadOnlyList<string> Words, string RepresentativeTitle, IReadOnlyList<string> Titles);

/// <summary>
/// Groups a digest's papers into themes with k-means (cosine, deterministic farthest-point start) over
/// their embeddings, or, with no model, over TF-IDF word vectors. Each theme is named by the words most
/// frequent in it relative to the whole digest, and represented by the paper nearest its centre.
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
        var vectors = papers.All(p => p.Vector is not null) ? papers.Select(p => Unit(p.Vector!)).ToList() : WordVectors(words);
        var k = Math.Clamp(themes ?? (int)Math.Round(Math.Sqrt(papers.Count / 2.0)), 1, Math.Min(8, papers.Count));
        var assignment = KMeans(vectors, k);

        var documentFrequency = Count(words.SelectMany(w => w.Distinct()));
        var result = new List<DigestTheme>();
        foreach (var group in Enumerable.Range(0, k).Select(c => Enumerable.Range(0, papers.Count).Where(i => assignment[i] == c).ToList()).Where(g => g.Count > 0))
        {
            var centre = Centroid(group.Select(i => vectors[i]).ToList());
            var representative = group.MaxBy(i => TensorPrimitives.Dot(vectors[i], centre));
            var inGroup = Count(group.SelectMany(i => words[i].Distinct()));
            var distinctive = inGroup
                .OrderByDescending(pair => pair.Value * Math.Log((double)papers.Count / documentFrequency[pair.Key]))
                .ThenBy(pair => pair.Key, StringComparer.Ordinal)
                .Take(3).Select(pair => SurfaceForm(pair.Key, group.Select(i => papers[i]))).ToList();
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

    private static int[] KMeans(IReadOnlyList<float[]> vectors, int k)
    {
        // Farthest-point start: the first paper, then each time the paper least like every chosen centre.
        var centres = new List<float[]> { vectors[0] };
        while (centres.Count < k)
        {
            var next = Enumerable.Range(0, vectors.Count).MinBy(i => centres.Max(c => TensorPrimitives.Dot(vectors[i], c)));
            centres.Add(vectors[next]);
        }
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
        return assignment;
    }

    private static List<float[]> WordVectors(List<IReadOnlyList<string>> words)
    {
        var vocabulary = words.SelectMany(w => w).Distinct().Order(StringComparer.Ordinal).Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
        var documentFrequency = Count(words.SelectMany(w => w.Distinct()));
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
