using System.Text;
using Bot.Search;

namespace Bot.Bench;

/// <summary>The judged dev queries (real wording), topped up with Zipf-sampled ones (real term statistics).</summary>
public static class BenchQueries
{
    public static IReadOnlyList<string> Create(string devQueriesPath, ZipfVocabulary vocabulary, int total, int seed)
    {
        if (!File.Exists(devQueriesPath))
        {
            throw new BenchException($"{devQueriesPath}: no such file (pass --eval)");
        }
        var queries = SearchEvaluator.Load(devQueriesPath).Select(q => q.Query).ToList();
        var random = new Random(seed);
        var text = new StringBuilder();
        while (queries.Count < total)
        {
            text.Clear();
            vocabulary.AppendText(text, random, random.Next(3, 9), sentences: false);
            queries.Add(text.ToString());
        }
        return queries;
    }
}
