using System.Text.Json;

namespace Bot.Search;

/// <summary>
/// Reads an evaluation file of one JSON object per line (blank lines skipped). A line that does not
/// parse, or lacks what <paramref name="expected"/> describes, is an error naming the file and line.
/// </summary>
public static class EvaluationFile
{
    public static IReadOnlyList<T> Read<T>(string path, string expected, Func<JsonElement, string, T> parse)
    {
        var items = new List<T>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var id = root.TryGetProperty("qid", out var qid) ? qid.GetString() ?? $"line {lineNumber}" : $"line {lineNumber}";
                items.Add(parse(root, id));
            }
            catch (KeyNotFoundException)
            {
                // The runtime's "the given key was not present in the dictionary" names no field; the shape does.
                throw new EvaluationDataException($"{path}:{lineNumber}: expected {expected}: a field is missing");
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
            {
                throw new EvaluationDataException($"{path}:{lineNumber}: expected {expected}: {exception.Message}");
            }
        }
        if (items.Count == 0)
        {
            throw new EvaluationDataException($"{path}: no cases in it; each line must be {expected}");
        }
        return items;
    }
}
