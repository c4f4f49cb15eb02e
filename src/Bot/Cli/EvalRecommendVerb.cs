using System.CommandLine;
using System.Text.Json.Nodes;
using Bot.Recommendations;
using Bot.Search;

namespace Bot.Cli;

/// <summary>
/// <c>eval recommend FILE.jsonl</c>: nDCG@10 and Recall@10 of simulated users' held-out papers, per
/// mode (interest, likes, both, and the baseline of cosine to the mean liked vector).
/// JSON: <c>{"modes":{"interest":{"ndcg@10":0.0,"recall@10":0.0},...}}</c>.
/// </summary>
internal static class EvalRecommendVerb
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Simulated users, one JSON object per line: {\"uid\",\"interest\",\"liked\":[titles],\"heldout\":[titles]}" };
        var recommend = new Command("recommend", "Score recommendations against simulated users with held-out papers") { file };
        recommend.SetAction((parse, ct) => VerbHost.ReadAsync(parse, async (services, json, token) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                return VerbHost.Fail(json, $"{path}: no such file", 2);
            }
            try
            {
                var results = await services.Get<RecommendationEvaluator>().EvaluateAsync(RecommendationEvaluator.Load(path), token);
                if (json)
                {
                    var modes = new JsonObject();
                    foreach (var (mode, metrics) in results)
                    {
                        modes[mode] = new JsonObject { ["ndcg@10"] = Math.Round(metrics.NdcgAt10, 4), ["recall@10"] = Math.Round(metrics.RecallAt10, 4) };
                    }
                    System.Console.Out.WriteLine(new JsonObject { ["modes"] = modes }.ToJsonString());
                }
                else
                {
                    System.Console.Out.WriteLine($"{"mode",-9} {"nDCG@10",8} {"R@10",8} {"users",6}");
                    foreach (var (mode, m) in results)
                    {
                        System.Console.Out.WriteLine($"{mode,-9} {m.NdcgAt10,8:F4} {m.RecallAt10,8:F4} {m.Users,6}");
                    }
                }
                return 0;
            }
            catch (EvaluationDataException exception)
            {
                return VerbHost.Fail(json, exception.Message, 1);
            }
        }, ct));
        return recommend;
    }
}
