using System.Text.Json;

namespace Bot.Tests.Embeddings.UseLite;

/// <summary>
/// The committed fixture from tools/use-lite-reference/reference.mjs: texts with the token ids and
/// embeddings the package's own JavaScript computes.
/// </summary>
internal static class UseLiteReference
{
    public sealed record Case(string Name, string Text, int[] Ids, float[] Embedding)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Case> Cases { get; } = Load();

    public static string ModelFolder => Path.Combine(AppContext.BaseDirectory, "models", "use-lite");

    private static List<Case> Load()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Embeddings", "UseLite", "use-lite-reference.json"));
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            c.GetProperty("text").GetString()!,
            c.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray(),
            c.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray())).ToList();
    }
}
