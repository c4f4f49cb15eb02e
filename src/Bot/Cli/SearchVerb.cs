using System.CommandLine;
using System.Globalization;
using Bot.Commands;
using Bot.Search;

namespace Bot.Cli;

/// <summary><c>search QUERY</c>, or <c>search -</c> for one query per line of standard input.</summary>
public static class SearchVerb
{
    public static Command Create()
    {
        // Several words need no quotes: "search model merging" searches for both.
        var query = new Argument<string[]>("query") { Description = "What to look for; '-' reads one query per line from standard input", Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit") { Description = "How many results (1-50)", DefaultValueFactory = _ => 10 };
        var since = new Option<string?>("--since") { Description = "Only papers listed on or after this date (YYYY-MM-DD)" };
        var until = new Option<string?>("--until") { Description = "Only papers listed on or before this date (YYYY-MM-DD)" };
        var digest = new Option<string?>("--digest") { Description = "Only papers listed in this digest (id or source file name)" };
        var command = new Command("search", "Search the stored papers") { query, limit, CliOptions.Mode, since, until, digest };
        command.SetAction((parse, ct) => VerbHost.ReadAsync(parse, async (services, json, token) =>
        {
            if (parse.GetValue(limit) is < 1 or > 50)
            {
                return VerbHost.Fail(json, "--limit must be between 1 and 50", 2);
            }
            SearchFilters filters;
            SearchMode? mode;
            try
            {
                filters = new SearchFilters(ParseDate(parse.GetValue(since), "--since"), ParseDate(parse.GetValue(until), "--until"), parse.GetValue(digest));
                mode = SearchModeNames.Parse(parse.GetValue(CliOptions.Mode));
            }
            catch (SearchUnavailableException exception)
            {
                return VerbHost.Fail(json, exception.Message, 2);
            }
            if (parse.GetValue(digest) is { } digestName)
            {
                var store = services.Get<Store.PaperStore>();
                if (StoredDigests.UnlessKnown(store, digestName) is { } listed)
                {
                    return VerbHost.Fail(json, $"--digest: no digest has the id or file name \"{Echo.Of(digestName)}\"; {listed}", 2);
                }
                filters = filters with { DigestId = StoredDigests.Resolve(store, digestName) };
            }
            var search = services.Get<SearchService>();
            var text = string.Join(' ', parse.GetValue(query)!);
            var queries = text == "-" ? ReadLines(System.Console.In) : [text];
            var failed = false;
            foreach (var line in queries)
            {
                try
                {
                    var response = await search.SearchAsync(new SearchRequest(line, parse.GetValue(limit), mode, filters), token);
                    await PrintAsync(services.Get<BotCommands>(), line, response, json, token);
                }
                catch (SearchUnavailableException exception)
                {
                    failed = true;
                    // In batch mode one bad line must not shift the answers of the lines after it.
                    if (json)
                    {
                        System.Console.Out.WriteLine(CliJsonContext.Serialize(new SearchOutput(SearchModeNames.Name(mode ?? search.DefaultMode), [], exception.Message)));
                    }
                    System.Console.Error.WriteLine($"error: {exception.Message}");
                }
            }
            return failed ? 1 : 0;
        }, ct));
        return command;
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static DateOnly? ParseDate(string? text, string option) =>
        DateOption.TryParse(option, text, out var date, out var error) ? date : throw new SearchUnavailableException(error!);

    private static async Task PrintAsync(BotCommands commands, string query, SearchResponse response, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            var results = response.Results.Select(r => new SearchOutputResult(
                r.Id, r.Title, Math.Round(r.Score, 6), r.Digests, r.FirstSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Link)).ToList();
            System.Console.Out.WriteLine(CliJsonContext.Serialize(new SearchOutput(SearchModeNames.Name(response.Mode), results)));
            return;
        }
        // As /search shows them: the most query-relevant sentence under each, weak matches marked.
        System.Console.Out.WriteLine(Console.ReplyRenderer.Render(await commands.ResultsAsync(query, response, cancellationToken)));
    }
}
