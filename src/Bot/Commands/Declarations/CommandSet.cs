namespace Bot.Commands.Declarations;

/// <summary>Every declared command, found by name; an unknown name gets the closest ones.</summary>
public sealed class CommandSet(IEnumerable<IBotCommand> commands)
{
    private readonly IReadOnlyList<IBotCommand> _all = [.. commands.OrderBy(c => c.Declaration.Name, StringComparer.Ordinal)];

    public IReadOnlyList<IBotCommand> All => _all;

    public IEnumerable<IBotCommand> On(Surfaces surface) => _all.Where(c => c.Declaration.Surfaces.HasFlag(surface));

    public IBotCommand? Find(string name, Surfaces surface) =>
        On(surface).FirstOrDefault(c => c.Declaration.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names closest to a mistyped one: a shared start, or at most two letters apart.</summary>
    public IReadOnlyList<string> Suggest(string name, Surfaces surface)
    {
        var typed = name.ToLowerInvariant();
        return [.. On(surface).Select(c => c.Declaration.Name)
            .Select(n => (Name: n, Distance: n.StartsWith(typed, StringComparison.Ordinal) && typed.Length >= 2 ? 0 : Distance(typed, n)))
            .Where(x => x.Distance <= Math.Min(2, Math.Max(1, typed.Length / 3)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Select(x => x.Name)
            .Take(3)];
    }

    /// <summary>Edit distance with adjacent transpositions ("serach" is one step from "search").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
