using System.Text;

namespace Bot.Commands.Declarations;

/// <summary><c>/help</c> and <c>/help COMMAND</c>, written from the command declarations, and the usage line errors quote.</summary>
public static class CommandHelp
{
    public static CommandReply All(CommandSet commands, Surfaces surface)
    {
        var items = new List<ReplyItem>();
        foreach (var command in commands.On(surface))
        {
            var declaration = command.Declaration;
            if (declaration.SubcommandList.Count == 0)
            {
                items.Add(new ReplyItem(Usage(declaration, surface), declaration.Description));
                continue;
            }
            items.AddRange(declaration.SubcommandList.Select(sub => new ReplyItem(Usage(sub, surface, $"{declaration.Name} {sub.Name}"), sub.Description)));
        }
        if (surface == Surfaces.Console)
        {
            items.Add(new ReplyItem("/quit", "stop the bot"));
        }
        return new CommandReply(surface == Surfaces.Console ? "Commands (anything typed without a slash is asked as a question)" : "Commands", items,
            "/help COMMAND shows a command's options.");
    }

    public static CommandReply One(CommandDeclaration declaration)
    {
        var parts = declaration.SubcommandList.Count == 0
            ? [(declaration, declaration.Name)]
            : declaration.SubcommandList.Select(s => (s, $"{declaration.Name} {s.Name}")).ToList();
        var items = new List<ReplyItem>();
        foreach (var (part, name) in parts)
        {
            items.Add(new ReplyItem(Usage(part, Surfaces.Console, name), part.Description));
            items.AddRange(part.OptionList.Select(option => new ReplyItem(
                option.Primary ? $"  <{option.Name}> (the words after the command)" : $"  {option.Name}:{OptionValues.Example(option)}",
                option.Description + (option.Required ? " (required)" : "") + (option.Surfaces == Surfaces.Discord ? " (Discord only)" : option.Surfaces == Surfaces.Console ? " (console only)" : ""))));
        }
        return new CommandReply("/" + declaration.Name, items, declaration.Example is { } example ? "Example: " + example : null);
    }

    /// <summary>One line such as <c>/search &lt;query&gt; [limit:N] [since:DATE]</c>.</summary>
    public static string Usage(CommandDeclaration declaration, Surfaces surface = Surfaces.Console, string? name = null)
    {
        var usage = new StringBuilder("/").Append(name ?? declaration.Name);
        foreach (var option in declaration.OptionList.Where(o => o.Surfaces.HasFlag(surface)))
        {
            var shown = option.Primary && surface == Surfaces.Console ? $"<{option.Name}>" : $"{option.Name}:{Placeholder(option)}";
            usage.Append(' ').Append(option.Required ? shown : $"[{shown}]");
        }
        return usage.ToString();
    }

    private static string Placeholder(CommandOption option) => option.Kind switch
    {
        OptionKind.Integer => "N",
        OptionKind.Date => "DATE",
        OptionKind.Boolean => "yes|no",
        OptionKind.User => "@member",
        OptionKind.Channel => "#channel",
        OptionKind.Attachment => "FILE",
        _ => option.Choices is { Count: > 0 } choices ? string.Join('|', choices.Select(c => c.Value)) : "TEXT",
    };
}
