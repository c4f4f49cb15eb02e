using System.Runtime.InteropServices;
using System.Text.Json;

namespace Bot.Embeddings.UseLite;

/// <summary>
/// The USE-lite weights, read from the TF.js manifest (<c>model.json</c>) and its shards. Offsets are
/// not hard-coded: every manifest entry, the small int32 constants included, takes its size in turn,
/// and tensors are found by name with their shapes checked.
/// </summary>
public sealed class UseLiteWeights
{
    private readonly float[] _buffer;
    private readonly Dictionary<string, (int Offset, int[] Shape)> _tensors = new(StringComparer.Ordinal);

    private UseLiteWeights(float[] buffer) => _buffer = buffer;

    public static UseLiteWeights Load(string folder)
    {
        using var manifestStream = File.OpenRead(Path.Combine(folder, "model.json"));
        using var manifest = JsonDocument.Parse(manifestStream);
        var group = manifest.RootElement.GetProperty("weightsManifest")[0];

        var bytes = new MemoryStream();
        foreach (var path in group.GetProperty("paths").EnumerateArray())
        {
            using var shard = File.OpenRead(Path.Combine(folder, path.GetString()!));
            shard.CopyTo(bytes);
        }
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"USE-lite weight shards in {folder} hold {bytes.Length} bytes, not a whole number of 4-byte values.");
        }
        var weights = new UseLiteWeights(MemoryMarshal.Cast<byte, float>(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)).ToArray());

        var offset = 0L;
        foreach (var entry in group.GetProperty("weights").EnumerateArray())
        {
            var dtype = entry.GetProperty("dtype").GetString();
            if (dtype is not ("float32" or "int32") || entry.TryGetProperty("quantization", out _))
            {
                throw new InvalidDataException($"USE-lite weight {entry.GetProperty("name").GetString()} has dtype {dtype} or is quantized; only plain float32/int32 is supported.");
            }
            var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var count = shape.Aggregate(1L, (product, d) => product * d);
            weights._tensors[entry.GetProperty("name").GetString()!] = ((int)(offset / sizeof(float)), shape);
            offset += count * sizeof(float);
        }
        if (offset != bytes.Length)
        {
            throw new InvalidDataException($"USE-lite manifest describes {offset} bytes of weights but the shards hold {bytes.Length}.");
        }
        return weights;
    }

    /// <summary>The one float32 tensor whose name contains <paramref name="namePart"/>, checked against <paramref name="shape"/>.</summary>
    public float[] Tensor(string namePart, params int[] shape)
    {
        var matches = _tensors.Where(t => t.Key.Contains(namePart, StringComparison.Ordinal)).ToList();
        if (matches.Count != 1)
        {
            throw new InvalidDataException($"USE-lite weights: expected one tensor named like '{namePart}', found {matches.Count}.");
        }
        var (offset, actual) = matches[0].Value;
        var flat = actual.Where(d => d != 1).ToArray();
        var expected = shape.Where(d => d != 1).ToArray();
        if (!flat.SequenceEqual(expected))
        {
            throw new InvalidDataException($"USE-lite weight '{matches[0].Key}' has shape [{string.Join(",", actual)}], expected [{string.Join(",", shape)}].");
        }
        var count = shape.Aggregate(1, (product, d) => product * d);
        return _buffer.AsSpan(offset, count).ToArray();
    }

    /// <summary>The shape of the one tensor whose name contains <paramref name="namePart"/>.</summary>
    public int[] Shape(string namePart) =>
        _tensors.Single(t => t.Key.Contains(namePart, StringComparison.Ordinal)).Value.Shape;
}
