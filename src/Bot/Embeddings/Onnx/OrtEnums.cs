namespace Bot.Embeddings.Onnx;

// The C API's enums we pass or read, with the values of onnxruntime_c_api.h (C enums are int-sized).

/// <summary><c>OrtErrorCode</c>: what kind of failure an <c>OrtStatus</c> reports.</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    EpFail = 11,
}

/// <summary><c>ONNXTensorElementDataType</c>, the subset this binding names; the values are ONNX's TensorProto.DataType.</summary>
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
}

/// <summary><c>GraphOptimizationLevel</c>.</summary>
public enum GraphOptimizationLevel
{
    DisableAll = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

internal enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}

internal enum OrtAllocatorType
{
    Device = 0,
    Arena = 1,
}

internal enum OrtMemType
{
    Cpu = -1,
    Default = 0,
}
