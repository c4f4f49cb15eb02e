using System.Buffers.Binary;
using System.Text;

namespace Bot.Tests.Embeddings.Onnx;

/// <summary>
/// Just enough of the protobuf wire format to write an ONNX model: varints, length-delimited fields
/// (strings, bytes, nested messages) and packed repeated numbers.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;

    private readonly MemoryStream buffer = new();

    public byte[] ToArray() => buffer.ToArray();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, WireVarint);
        RawVarint((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, WireLengthDelimited);
        RawVarint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        return Bytes(field, inner.ToArray());
    }

    public ProtoWriter PackedFloats(int field, IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * sizeof(float)];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }
        return Bytes(field, bytes);
    }

    public ProtoWriter PackedInt64s(int field, IReadOnlyList<long> values)
    {
        var inner = new ProtoWriter();
        foreach (var value in values)
        {
            inner.RawVarint((ulong)value);
        }
        return Bytes(field, inner.ToArray());
    }

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }
}
