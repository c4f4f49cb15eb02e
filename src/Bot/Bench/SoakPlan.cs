using System.Globalization;
using System.Text;

namespace Bot.Bench;

/// <summary>What one soak file is, and so where it must end up.</summary>
public enum SoakKind
{
    /// <summary>A digest of its own day: stored once, file in processed/.</summary>
    Valid,

    /// <summary>An earlier valid digest's bytes under a new name: nothing stored, file in processed/.</summary>
    Duplicate,

    /// <summary>A valid digest written a paper at a time, kept open between papers (longer than the settle window) or reopened for each.</summary>
    Slow,

    /// <summary>Prose or an empty file: nothing stored, file in failed/ with its reason.</summary>
    Broken,

    /// <summary>A FIFO: never read, in failed/ with its reason.</summary>
    Special,
}

/// <summary>One file the soak drops into the inbox. Valid and slow digests each have a day of their own, so the store can be checked day by day.</summary>
public sealed record SoakFile(string Name, SoakKind Kind, string Content, DateOnly? Day, int Papers);

/// <summary>The files of a soak run, drawn from a seeded <see cref="Random"/> so that a run can be repeated.</summary>
public static class SoakPlan
{
    private static readonly DateOnly FirstDay = new(2020, 1, 1);

    public static IReadOnlyList<SoakFile> Create(int count, Random random)
    {
        var files = new List<SoakFile>(count);
        var valid = new List<SoakFile>();
        for (var i = 0; i < count; i++)
        {
            var name = $"soak-{i:D4}";
            var roll = random.NextDouble();
            SoakFile file;
            if (roll < 0.08 && valid.Count > 0)
            {
                var original = valid[random.Next(valid.Count)];
                file = new SoakFile(name + "-dup.txt", SoakKind.Duplicate, original.Content, original.Day, original.Papers);
            }
            else if (roll < 0.18)
            {
                file = new SoakFile(name + "-broken.txt", SoakKind.Broken, random.Next(4) == 0 ? "" : Prose(i), null, 0);
            }
            else if (roll < 0.23)
            {
                file = new SoakFile(name + "-fifo.txt", SoakKind.Special, "", null, 0);
            }
            else
            {
                var papers = random.Next(2, 6);
                var kind = roll < 0.30 ? SoakKind.Slow : SoakKind.Valid;
                file = new SoakFile($"{name}-{kind.ToString().ToLowerInvariant()}.txt", kind, Digest(i, papers), FirstDay.AddDays(i), papers);
                if (kind == SoakKind.Valid)
                {
                    valid.Add(file);
                }
            }
            files.Add(file);
        }
        return files;
    }

    /// <summary>A digest's header, then its papers one by one: how a slow writer writes it.</summary>
    public static IReadOnlyList<string> Parts(SoakFile file)
    {
        var blocks = file.Content.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        // The date line, then a title and its abstract at a time.
        var parts = new List<string> { blocks[0] + "\n\n" };
        for (var i = 1; i + 1 < blocks.Length; i += 2)
        {
            parts.Add(blocks[i] + "\n\n" + blocks[i + 1] + "\n\n");
        }
        return parts;
    }

    private static string Digest(int number, int papers)
    {
        var text = new StringBuilder();
        text.Append(FirstDay.AddDays(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\n\n");
        for (var p = 1; p <= papers; p++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Soak Study {number} Part {p}: Robust Inbox Handling at Scale\n\n");
            text.Append(CultureInfo.InvariantCulture, $"We study inbox robustness in soak run {number}, part {p}, under concurrent writers. ");
            text.Append("Our method stores every digest exactly once and keeps the worker running. Experiments cover slow, broken and duplicate files.\n\n");
        }
        return text.ToString();
    }

    private static string Prose(int number) =>
        $"Meeting notes {number}. This is not a digest. It is prose from start to end, with no title above it, and it says so more than once.";
}
