using System.CommandLine;
using System.Globalization;
using Bot.Commands;
using Bot.Commands.Declarations;
using Bot.Store;

namespace Bot.Cli;

/// <summary><c>paper ID_OR_TITLE</c>: one paper with its appearances and links.</summary>
public static class PaperVerb
{
    public static Command Create()
    {
        var idOrTitle = new Argument<string[]>("id-or-title") { Description = "The paper's id or its exact title", Arity = ArgumentArity.OneOrMore };
        var command = new Command("paper", "Show one paper") { idOrTitle };
        command.SetAction((parse, ct) => VerbHost.ReadAsync(parse, (services, json, _) =>
        {
            var text = string.Join(' ', parse.GetValue(idOrTitle)!);
            // The same bounds as /paper at the console and on Discord, before anything reaches the store.
            if (services.Get<CommandSet>().Find("paper", Surfaces.Console)?.Declaration.Primary is { } option
                && !OptionValues.TryRead(option, text, out text, out var invalid))
            {
                return Task.FromResult(VerbHost.Fail(json, invalid!, 1));
            }
            if (!json)
            {
                var reply = services.Get<BotCommands>().Paper(text);
                System.Console.Out.WriteLine(Console.ReplyRenderer.Render(reply));
                return Task.FromResult(reply.IsError ? 1 : 0);
            }
            var paper = services.Get<PaperStore>().FindPaper(text);
            if (paper is null)
            {
                return Task.FromResult(VerbHost.Fail(json, $"no paper has the id or title \"{text}\"", 1));
            }
            System.Console.Out.WriteLine(CliJsonContext.Serialize(new PaperOutput(
                paper.Id, paper.Title, paper.Abstract, Date(paper.FirstSeen), Date(paper.LastSeen),
                paper.Appearances.Select(a => new AppearanceOutput(a.DigestShortId, Date(a.Date), a.Position, a.Source)).ToList(),
                paper.Links.Select(l => new LinkOutput(l.Url, l.Kind)).ToList())));
            return Task.FromResult(0);
        }, ct));
        return command;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
