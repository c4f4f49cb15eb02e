using System.Globalization;

namespace Bot.Commands.Declarations;

/// <summary>
/// Checks one option's value against its declaration, the same for every front end: a whole number in
/// range, a date, one of the choices, text within its length. The value comes back in the one form
/// handlers read (invariant digits, <c>yyyy-MM-dd</c>, <c>true</c>/<c>false</c>).
/// </summary>
public static class OptionValues
{
    public static bool TryRead(CommandOption option, string raw, out string value, out string? error)
    {
        value = raw.Trim();
        error = null;
        if (value.Length == 0)
        {
            error = $"{option.Name} needs a value, like {option.Name}:{Example(option)}.";
            return false;
        }
        switch (option.Kind)
        {
            case OptionKind.Integer:
                if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{option.Name} must be a whole number, not \"{Echo.Of(value, 40)}\".";
                    return false;
                }
                if (number < (option.Min ?? long.MinValue) || number > (option.Max ?? long.MaxValue))
                {
                    error = $"{option.Name} must be between {option.Min} and {option.Max}.";
                    return false;
                }
                value = number.ToString(CultureInfo.InvariantCulture);
                return true;
            case OptionKind.Boolean:
                if (value.ToLowerInvariant() is "true" or "yes" or "on" or "1")
                {
                    value = "true";
                    return true;
                }
                if (value.ToLowerInvariant() is "false" or "no" or "off" or "0")
                {
                    value = "false";
                    return true;
                }
                error = $"{option.Name} is yes or no, not \"{Echo.Of(value, 40)}\".";
                return false;
            case OptionKind.Date:
                if (!DateOption.TryParse(option.Name, value, out var date, out error))
                {
                    return false;
                }
                value = date!.Value.ToString(DateOption.Format, CultureInfo.InvariantCulture);
                return true;
            default:
                if (option.Choices is { Count: > 0 } choices)
                {
                    var typed = value;
                    var chosen = choices.FirstOrDefault(c => c.Value.Equals(typed, StringComparison.OrdinalIgnoreCase) || c.Name.Equals(typed, StringComparison.OrdinalIgnoreCase));
                    if (chosen is null)
                    {
                        error = $"{option.Name} is one of {string.Join(", ", choices.Select(c => c.Value))}, not \"{Echo.Of(value, 40)}\".";
                        return false;
                    }
                    value = chosen.Value;
                    return true;
                }
                if (option.MaxLength is { } max && value.Length > max)
                {
                    error = $"{option.Name} is at most {max} characters; this one has {value.Length}.";
                    return false;
                }
                // Checked again as search and the store will see it: one character can normalise to many.
                if (option.MaxLength is { } maxNormalised && Search.UserText.Normalised(value).Length is var normalised && normalised > maxNormalised)
                {
                    error = $"{option.Name} is at most {maxNormalised} characters; this one has {normalised} once its characters are spelled out (Unicode NFKC).";
                    return false;
                }
                return true;
        }
    }

    /// <summary>A value of the right shape, for help and error messages.</summary>
    public static string Example(CommandOption option) => option.Kind switch
    {
        OptionKind.Integer => (option.Default ?? option.Min?.ToString(CultureInfo.InvariantCulture) ?? "3"),
        OptionKind.Boolean => "yes",
        OptionKind.Date => "2024-05-06",
        _ => option.Choices is { Count: > 0 } choices ? choices[0].Value : "TEXT",
    };
}
