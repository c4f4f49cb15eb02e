using System.Globalization;
using Bot.Answers;

namespace Bot.Commands.Declarations;

/// <summary>
/// A command as a front end read it: who asks (and where), the subcommand if any, and each option's
/// value as text (already checked against the declaration: kind, range, choices). The accessors give
/// the typed value, or the option's default.
/// </summary>
public sealed record CommandRequest(Asker Asker, string? Subcommand, IReadOnlyDictionary<string, string> Values)
{
    public string? Text(string name) => Values.TryGetValue(name, out var value) ? value : null;

    public long? Integer(string name) =>
        Values.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public bool? Boolean(string name) => Values.TryGetValue(name, out var value) && bool.TryParse(value, out var flag) ? flag : null;

    public DateOnly? Date(string name) =>
        Values.TryGetValue(name, out var value) && DateOnly.TryParseExact(value, DateOption.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
