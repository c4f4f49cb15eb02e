using System.CommandLine;
using Bot.Answers;
using Bot.Search;

namespace Bot.Cli;

/// <summary>
/// <c>eval search FILE.jsonl</c>: nDCG@10, Recall@10 and MRR per search mode. <c>eval answers FILE.jsonl</c>:
/// how often an answer cites the right paper first and holds every expected keyword.
/// </summary>
public static class EvalVerb
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Judged queries, one JSON object per line: {\"qid\",\"query\",\"relevant\":{\"<title>\":1|2}}" };
        var search = new Command("search", "Score search against judged queries") { file, CliOptions.Mode };
        search.SetAction((parse, ct) => VerbHost.ReadAsync(parse, async (services, json, token) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                return VerbHost.Fail(json, $"{path}: no such file", 2);
            }
            var searchService = services.Get<SearchService>();
            IReadOnlyList<SearchMode> modes;
            try
            {
                modes = SearchModeNames.Parse(parse.GetValue(CliOptions.Mode)) is { } chosen ? [chosen] : searchService.AvailableModes();
                var queries = SearchEvaluator.Load(path);
                var evaluator = services.Get<SearchEvaluator>();
                var results = new Dictionary<string, ModeMetricsOutput>();
                foreach (var mode in modes)
                {
                    var metrics = await evaluator.EvaluateAsync(queries, mode, token);
                    results[SearchModeNames.Name(mode)] = new ModeMetricsOutput(
                        Math.Round(metrics.NdcgAt10, 4), Math.Round(metrics.RecallAt10, 4), Math.Round(metrics.Mrr, 4), metrics.Queries);
                }
                if (json)
                {
                    System.Console.Out.WriteLine(CliJsonContext.Serialize(new EvalSearchOutput(results)));
                }
                else
                {
                    System.Console.Out.WriteLine($"{"mode",-8} {"nDCG@10",8} {"R@10",8} {"MRR",8} {"queries",8}");
                    foreach (var (name, m) in results)
                    {
                        System.Console.Out.WriteLine($"{name,-8} {m.NdcgAt10,8:F4} {m.RecallAt10,8:F4} {m.Mrr,8:F4} {m.Queries,8}");
                    }
                }
                return 0;
            }
            catch (Exception exception) when (exception is EvaluationDataException or SearchUnavailableException)
            {
                return VerbHost.Fail(json, exception.Message, 1);
            }
        }, ct));
        return new Command("eval", "Measure quality on judged sets") { search, CreateAnswers(), EvalRecommendVerb.Create() };
    }

    private static Command CreateAnswers()
    {
        var file = new Argument<string>("file") { Description = "Questions, one JSON object per line: {\"qid\",\"question\",\"paper\":\"<title>\",\"answer_keywords\":[...]}" };
        var answers = new Command("answers", "Score answers against questions with known source papers") { file };
        answers.SetAction((parse, ct) => VerbHost.ReadAsync(parse, async (services, json, token) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                return VerbHost.Fail(json, $"{path}: no such file", 2);
            }
            try
            {
                var metrics = await services.Get<AnswerEvaluator>().EvaluateAsync(AnswerEvaluator.Load(path), token);
                var output = new EvalAnswersOutput(Math.Round(metrics.CitedFirst, 4), Math.Round(metrics.Keywords, 4), metrics.Questions, metrics.Mode,
                    Math.Round(metrics.ToolRounds, 2), Math.Round(metrics.ToolCalls, 2), Math.Round(metrics.Tokens, 1));
                System.Console.Out.WriteLine(json
                    ? CliJsonContext.Serialize(output)
                    : $"cited first {output.CitedFirst:F4}  keywords {output.Keywords:F4}  questions {output.Questions}  mode {output.Mode}"
                        + (metrics.Mode == AnswerEvaluator.LanguageModelMode
                            ? $"  per answer: tool rounds {output.ToolRounds:F2}  tool calls {output.ToolCalls:F2}  tokens {output.Tokens:F0}"
                            : ""));
                return 0;
            }
            catch (Exception exception) when (exception is EvaluationDataException or SearchUnavailableException or Llm.LanguageModelException)
            {
                return VerbHost.Fail(json, exception.Message, 1);
            }
        }, ct));
        return answers;
    }
}
