namespace Bot.Tests.Embeddings.Onnx;

/// <summary>
/// A BERT-shaped model small enough to check by hand:
/// <c>last_hidden_state = (Scale · Words[input_ids] + Types[token_type_ids]) · attention_mask</c>,
/// or, when <see cref="Pooled"/>, <c>sentence_embedding = mean over positions</c> of the sum before masking.
/// Without <see cref="MaskInGraph"/> padded positions keep their rows, as real encoders leave non-zero states there.
/// </summary>
internal sealed record TinyOnnxModel(
    float[][] Words, float Scale = 1f, float[][]? Types = null, bool Pooled = false, bool MaskInGraph = true)
{
    public int Hidden => Words[0].Length;
}

/// <summary>
/// Encodes <see cref="TinyOnnxModel"/> as an ONNX ModelProto by hand, field numbers from onnx.proto
/// (IR version 8, default-domain opset 13), so the tests need no Python and no checked-in binary.
/// </summary>
internal static class TinyOnnxModelWriter
{
    private const int ElemFloat = 1;
    private const int ElemInt64 = 7;
    private const int AttrInt = 2;
    private const int AttrInts = 7;

    public static void Write(string path, TinyOnnxModel model) => File.WriteAllBytes(path, Encode(model));

    public static byte[] Encode(TinyOnnxModel model) => new ProtoWriter()
        .Varint(1, 8)                                              // ModelProto.ir_version
        .String(2, "bot-tests")                                    // ModelProto.producer_name
        .Message(7, graph => Graph(graph, model))                  // ModelProto.graph
        .Message(8, opset => opset.String(1, "").Varint(2, 13))    // ModelProto.opset_import {domain, version}
        .ToArray();

    private static void Graph(ProtoWriter graph, TinyOnnxModel model)
    {
        var summed = "scaled";
        Node(graph, "Gather", ["word_embeddings", "input_ids"], "words");
        Node(graph, "Mul", ["words", "scale"], "scaled");
        if (model.Types is not null)
        {
            Node(graph, "Gather", ["type_embeddings", "token_type_ids"], "types");
            Node(graph, "Add", ["scaled", "types"], "summed");
            summed = "summed";
        }
        if (model.Pooled)
        {
            Node(graph, "ReduceMean", [summed], "sentence_embedding",
                attribute => attribute.String(1, "axes").Varint(20, AttrInts).PackedInt64s(8, [1]),
                attribute => attribute.String(1, "keepdims").Varint(20, AttrInt).Varint(3, 0));
        }
        else if (!model.MaskInGraph)
        {
            Node(graph, "Identity", [summed], "last_hidden_state");
        }
        else
        {
            Node(graph, "Cast", ["attention_mask"], "mask_float",
                attribute => attribute.String(1, "to").Varint(20, AttrInt).Varint(3, ElemFloat));
            Node(graph, "Unsqueeze", ["mask_float", "unsqueeze_axes"], "mask_3d");
            Node(graph, "Mul", [summed, "mask_3d"], "last_hidden_state");
        }

        graph.String(2, "tiny_sentence_encoder");
        FloatInitializer(graph, "word_embeddings", model.Words);
        FloatInitializer(graph, "scale", [[model.Scale]], scalar: true);
        if (model.Types is not null)
        {
            FloatInitializer(graph, "type_embeddings", model.Types);
        }
        graph.Message(5, tensor => tensor.Varint(1, 1).Varint(2, ElemInt64).PackedInt64s(7, [2]).String(8, "unsqueeze_axes"));

        ValueInfo(graph, 11, "input_ids", ElemInt64, "batch", "sequence");
        ValueInfo(graph, 11, "attention_mask", ElemInt64, "batch", "sequence");
        if (model.Types is not null)
        {
            ValueInfo(graph, 11, "token_type_ids", ElemInt64, "batch", "sequence");
        }
        if (model.Pooled)
        {
            ValueInfo(graph, 12, "sentence_embedding", ElemFloat, "batch", model.Hidden);
        }
        else
        {
            ValueInfo(graph, 12, "last_hidden_state", ElemFloat, "batch", "sequence", model.Hidden);
        }
    }

    // NodeProto {input = 1, output = 2, name = 3, op_type = 4, attribute = 5}
    private static void Node(ProtoWriter graph, string opType, string[] inputs, string output, params Action<ProtoWriter>[] attributes) =>
        graph.Message(1, node =>
        {
            foreach (var input in inputs)
            {
                node.String(1, input);
            }
            node.String(2, output).String(3, output + "_node").String(4, opType);
            foreach (var attribute in attributes)
            {
                node.Message(5, attribute);
            }
        });

    // TensorProto {dims = 1, data_type = 2, float_data = 4, name = 8}
    private static void FloatInitializer(ProtoWriter graph, string name, float[][] rows, bool scalar = false) =>
        graph.Message(5, tensor =>
        {
            if (!scalar)
            {
                tensor.Varint(1, rows.Length).Varint(1, rows[0].Length);
            }
            tensor.Varint(2, ElemFloat).PackedFloats(4, rows.SelectMany(r => r).ToArray()).String(8, name);
        });

    // ValueInfoProto {name = 1, type = 2}; TypeProto {tensor_type = 1}; TypeProto.Tensor {elem_type = 1, shape = 2};
    // TensorShapeProto {dim = 1}; Dimension {dim_value = 1, dim_param = 2}
    private static void ValueInfo(ProtoWriter graph, int field, string name, int elemType, params object[] dims) =>
        graph.Message(field, info => info
            .String(1, name)
            .Message(2, type => type.Message(1, tensor => tensor
                .Varint(1, elemType)
                .Message(2, shape =>
                {
                    foreach (var dim in dims)
                    {
                        shape.Message(1, d => _ = dim is int size ? d.Varint(1, size) : d.String(2, (string)dim));
                    }
                }))));
}
