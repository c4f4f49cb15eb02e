using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Bot.Embeddings.Onnx;

/// <summary>How a session is built: thread pools (0 lets ORT choose) and graph optimisation.</summary>
public sealed record OnnxSessionSettings(
    int IntraOpThreads = 0, int InterOpThreads = 0, GraphOptimizationLevel OptimizationLevel = GraphOptimizationLevel.All);

/// <summary>A graph input or output as the model declares it; symbolic dimensions read as -1.</summary>
public sealed record OnnxTensorInfo(string Name, OnnxElementType ElementType, IReadOnlyList<long> Shape);

/// <summary>An int64 tensor fed to the graph, row-major.</summary>
public sealed record OnnxInt64Input(string Name, long[] Data, long[] Shape);

/// <summary>A float tensor the graph produced, row-major, copied out of ORT's memory.</summary>
public sealed record OnnxFloatTensor(string Name, float[] Data, long[] Shape);

/// <summary>
/// One loaded model (<c>OrtSession</c>): its inputs and outputs, and <see cref="Run"/>, which ORT allows
/// from several threads at once.
/// </summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OnnxRuntimeApi api;
    private readonly OrtSessionHandle session;
    private readonly OrtMemoryInfoHandle memoryInfo;
    // NUL-terminated UTF-8 names on the pinned object heap, so Run can hand ORT their addresses without pinning.
    private readonly Dictionary<string, byte[]> nativeNames = new(StringComparer.Ordinal);

    private OnnxSession(
        OnnxRuntimeApi api, OrtSessionHandle session, OrtMemoryInfoHandle memoryInfo, OnnxSessionSettings settings,
        IReadOnlyList<OnnxTensorInfo> inputs, IReadOnlyList<OnnxTensorInfo> outputs)
    {
        this.api = api;
        this.session = session;
        this.memoryInfo = memoryInfo;
        Settings = settings;
        Inputs = inputs;
        Outputs = outputs;
        foreach (var name in inputs.Concat(outputs).Select(t => t.Name))
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            var pinned = GC.AllocateArray<byte>(bytes.Length + 1, pinned: true);
            bytes.CopyTo(pinned, 0);
            nativeNames[name] = pinned;
        }
    }

    /// <summary>The settings the session options were built from.</summary>
    public OnnxSessionSettings Settings { get; }

    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The ORT library version serving this session.</summary>
    public string RuntimeVersion => api.Version;

    /// <summary>Loads <paramref name="modelPath"/>; ORT's own error (missing file, bad protobuf, bad graph) is thrown as is.</summary>
    public static OnnxSession Open(string modelPath, OnnxSessionSettings settings, string? libraryPath = null)
    {
        var api = OnnxRuntimeApi.Load(libraryPath);
        using var env = OrtEnvHandle.Create(api, "bot");
        using var options = CreateOptions(api, settings);
        nint raw;
        var path = Encoding.UTF8.GetBytes(Path.GetFullPath(modelPath) + "\0");
        fixed (byte* pathPtr = path)
        {
            // On Linux ORTCHAR_T is char, so the path goes in as UTF-8.
            api.ThrowIfError(api.CreateSession(env.DangerousGetHandle(), pathPtr, options.DangerousGetHandle(), &raw));
        }
        var session = new OrtSessionHandle(api, raw, env);
        try
        {
            var inputs = ReadSignature(api, session, inputs: true);
            var outputs = ReadSignature(api, session, inputs: false);
            nint info;
            api.ThrowIfError(api.CreateCpuMemoryInfo(OrtAllocatorType.Arena, OrtMemType.Default, &info));
            return new OnnxSession(api, session, new OrtMemoryInfoHandle(api, info), settings, inputs, outputs);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the graph on int64 inputs and returns the named float outputs, in the order asked.</summary>
    public IReadOnlyList<OnnxFloatTensor> Run(IReadOnlyList<OnnxInt64Input> inputs, IReadOnlyList<string> outputNames)
    {
        var inputCount = inputs.Count;
        var outputCount = outputNames.Count;
        var inputNamePtrs = stackalloc byte*[inputCount];
        var inputValuePtrs = stackalloc nint[inputCount];
        var outputNamePtrs = stackalloc byte*[outputCount];
        var outputValuePtrs = stackalloc nint[outputCount];
        var pins = new MemoryHandle[inputCount];
        var inputValues = new OrtValueHandle?[inputCount];
        var outputValues = new OrtValueHandle?[outputCount];
        var added = false;
        session.DangerousAddRef(ref added);
        try
        {
            for (var i = 0; i < inputCount; i++)
            {
                var input = inputs[i];
                if (input.Data.Length != input.Shape.Aggregate(1L, (a, b) => a * b))
                {
                    throw new ArgumentException($"Input {input.Name}: {input.Data.Length} values do not fill shape [{string.Join(", ", input.Shape)}].");
                }
                inputNamePtrs[i] = NamePointer(input.Name);
                pins[i] = input.Data.AsMemory().Pin();
                nint value;
                fixed (long* shape = input.Shape)
                {
                    api.ThrowIfError(api.CreateTensorWithDataAsOrtValue(
                        memoryInfo.DangerousGetHandle(), pins[i].Pointer, (nuint)(input.Data.Length * sizeof(long)),
                        shape, (nuint)input.Shape.Length, OnnxElementType.Int64, &value));
                }
                inputValues[i] = new OrtValueHandle(api, value);
                inputValuePtrs[i] = value;
            }
            for (var i = 0; i < outputCount; i++)
            {
                outputNamePtrs[i] = NamePointer(outputNames[i]);
                outputValuePtrs[i] = 0;
            }
            var status = api.Run(
                session.DangerousGetHandle(), 0, inputNamePtrs, inputValuePtrs, (nuint)inputCount,
                outputNamePtrs, (nuint)outputCount, outputValuePtrs);
            for (var i = 0; i < outputCount; i++)
            {
                outputValues[i] = outputValuePtrs[i] == 0 ? null : new OrtValueHandle(api, outputValuePtrs[i]);
            }
            api.ThrowIfError(status);
            var results = new OnnxFloatTensor[outputCount];
            for (var i = 0; i < outputCount; i++)
            {
                results[i] = ReadFloatTensor(outputNames[i], outputValues[i]!);
            }
            return results;
        }
        finally
        {
            foreach (var value in outputValues)
            {
                value?.Dispose();
            }
            // Each input tensor borrows its pinned array: release the tensor before unpinning.
            for (var i = 0; i < inputCount; i++)
            {
                inputValues[i]?.Dispose();
                pins[i].Dispose();
            }
            if (added)
            {
                session.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        session.Dispose();
        memoryInfo.Dispose();
    }

    private byte* NamePointer(string name) =>
        nativeNames.TryGetValue(name, out var bytes)
            ? (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes))
            : throw new ArgumentException($"The model has no input or output named '{name}'.", nameof(name));

    private static OrtSessionOptionsHandle CreateOptions(OnnxRuntimeApi api, OnnxSessionSettings settings)
    {
        nint raw;
        api.ThrowIfError(api.CreateSessionOptions(&raw));
        var options = new OrtSessionOptionsHandle(api, raw);
        try
        {
            api.ThrowIfError(api.SetIntraOpNumThreads(raw, settings.IntraOpThreads));
            api.ThrowIfError(api.SetInterOpNumThreads(raw, settings.InterOpThreads));
            api.ThrowIfError(api.SetSessionGraphOptimizationLevel(raw, settings.OptimizationLevel));
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static OnnxTensorInfo[] ReadSignature(OnnxRuntimeApi api, OrtSessionHandle session, bool inputs)
    {
        var handle = session.DangerousGetHandle();
        nuint count;
        api.ThrowIfError(inputs ? api.SessionGetInputCount(handle, &count) : api.SessionGetOutputCount(handle, &count));
        var infos = new OnnxTensorInfo[(int)count];
        nint allocator;
        api.ThrowIfError(api.GetAllocatorWithDefaultOptions(&allocator));
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            api.ThrowIfError(inputs
                ? api.SessionGetInputName(handle, i, allocator, &rawName)
                : api.SessionGetOutputName(handle, i, allocator, &rawName));
            var name = api.TakeAllocatedString(rawName);
            nint rawTypeInfo;
            api.ThrowIfError(inputs
                ? api.SessionGetInputTypeInfo(handle, i, &rawTypeInfo)
                : api.SessionGetOutputTypeInfo(handle, i, &rawTypeInfo));
            using var typeInfo = new OrtTypeInfoHandle(api, rawTypeInfo);
            nint tensorInfo;
            // Borrowed from the type info: null when the value is not a tensor (a sequence or a map).
            api.ThrowIfError(api.CastTypeInfoToTensorInfo(rawTypeInfo, &tensorInfo));
            var (elementType, shape) = tensorInfo == 0 ? (OnnxElementType.Undefined, []) : ReadTypeAndShape(api, tensorInfo);
            infos[(int)i] = new OnnxTensorInfo(name, elementType, shape);
        }
        return infos;
    }

    private OnnxFloatTensor ReadFloatTensor(string name, OrtValueHandle value)
    {
        nint rawInfo;
        api.ThrowIfError(api.GetTensorTypeAndShape(value.DangerousGetHandle(), &rawInfo));
        using var info = new OrtTensorTypeAndShapeInfoHandle(api, rawInfo);
        var (elementType, shape) = ReadTypeAndShape(api, rawInfo);
        if (elementType != OnnxElementType.Float)
        {
            throw new NotSupportedException($"Output {name} holds {elementType} values; only float outputs are read.");
        }
        var data = new float[checked((int)shape.Aggregate(1L, (a, b) => a * b))];
        void* source;
        api.ThrowIfError(api.GetTensorMutableData(value.DangerousGetHandle(), &source));
        new ReadOnlySpan<float>(source, data.Length).CopyTo(data);
        return new OnnxFloatTensor(name, data, shape);
    }

    private static (OnnxElementType ElementType, long[] Shape) ReadTypeAndShape(OnnxRuntimeApi api, nint tensorInfo)
    {
        OnnxElementType elementType;
        api.ThrowIfError(api.GetTensorElementType(tensorInfo, &elementType));
        nuint rank;
        api.ThrowIfError(api.GetDimensionsCount(tensorInfo, &rank));
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            api.ThrowIfError(api.GetDimensions(tensorInfo, dims, rank));
        }
        return (elementType, shape);
    }
}
