using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// Our binding to ONNX Runtime's C API: <c>OrtGetApiBase()->GetApi(ORT_API_VERSION)</c> hands back
/// <c>const OrtApi*</c>, a struct of function pointers. We declare only the slots we call, at their
/// index in that struct.
/// </summary>
/// <remarks>
/// Slot indices follow <c>struct OrtApi</c> in <c>include/onnxruntime/core/session/onnxruntime_c_api.h</c>
/// of ONNX Runtime 1.29/1.30 (ORT_API_VERSION 29/30). ORT only ever appends to that struct (it
/// static_asserts the offsets of released versions), so every slot used here has kept its index
/// since API version 1. The library is loaded once per path and never unloaded: live handles point
/// into it.
/// </remarks>
internal sealed unsafe class OnnxRuntimeApi
{
    /// <summary>The API version we ask for: the one ONNX Runtime 1.30's header declares.</summary>
    public const uint ApiVersion = 30;

    /// <summary>Where the build copies <c>libonnxruntime.so.1</c> from the npm package onnxruntime-node.</summary>
    public static string DefaultLibraryPath => Path.Combine(AppContext.BaseDirectory, "native", "libonnxruntime.so.1");

    private static readonly ConcurrentDictionary<string, Lazy<OnnxRuntimeApi>> Loaded = new(StringComparer.Ordinal);

    // Indices into struct OrtApi, in the header's order.
    private const int SlotCreateStatus = 0;
    private const int SlotGetErrorCode = 1;
    private const int SlotGetErrorMessage = 2;
    private const int SlotCreateEnv = 3;
    private const int SlotCreateSession = 7;
    private const int SlotRun = 9;
    private const int SlotCreateSessionOptions = 10;
    private const int SlotSetSessionGraphOptimizationLevel = 23;
    private const int SlotSetIntraOpNumThreads = 24;
    private const int SlotSetInterOpNumThreads = 25;
    private const int SlotSessionGetInputCount = 30;
    private const int SlotSessionGetOutputCount = 31;
    private const int SlotSessionGetInputTypeInfo = 33;
    private const int SlotSessionGetOutputTypeInfo = 34;
    private const int SlotSessionGetInputName = 36;
    private const int SlotSessionGetOutputName = 37;
    private const int SlotCreateTensorWithDataAsOrtValue = 49;
    private const int SlotGetTensorMutableData = 51;
    private const int SlotCastTypeInfoToTensorInfo = 55;
    private const int SlotGetTensorElementType = 60;
    private const int SlotGetDimensionsCount = 61;
    private const int SlotGetDimensions = 62;
    private const int SlotGetTensorTypeAndShape = 65;
    private const int SlotCreateCpuMemoryInfo = 69;
    private const int SlotAllocatorFree = 76;
    private const int SlotGetAllocatorWithDefaultOptions = 78;
    private const int SlotReleaseEnv = 92;
    private const int SlotReleaseStatus = 93;
    private const int SlotReleaseMemoryInfo = 94;
    private const int SlotReleaseSession = 95;
    private const int SlotReleaseValue = 96;
    private const int SlotReleaseTypeInfo = 98;
    private const int SlotReleaseTensorTypeAndShapeInfo = 99;
    private const int SlotReleaseSessionOptions = 100;

    // Every OrtStatus* that is not null is an error the caller owns: pass it to ThrowIfError.
    public readonly delegate* unmanaged<OrtErrorCode, byte*, nint> CreateStatus;
    public readonly delegate* unmanaged<nint, OrtErrorCode> GetErrorCode;
    public readonly delegate* unmanaged<nint, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<OrtLoggingLevel, byte*, nint*, nint> CreateEnv;
    public readonly delegate* unmanaged<nint, byte*, nint, nint*, nint> CreateSession;
    public readonly delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> Run;
    public readonly delegate* unmanaged<nint*, nint> CreateSessionOptions;
    public readonly delegate* unmanaged<nint, GraphOptimizationLevel, nint> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public readonly delegate* unmanaged<nint, void*, nuint, long*, nuint, OnnxElementType, nint*, nint> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<nint, void**, nint> GetTensorMutableData;
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<nint, OnnxElementType*, nint> GetTensorElementType;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;
    public readonly delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;
    public readonly delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<OrtAllocatorType, OrtMemType, nint*, nint> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<nint, void*, nint> AllocatorFree;
    public readonly delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<nint, void> ReleaseEnv;
    public readonly delegate* unmanaged<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged<nint, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSession;
    public readonly delegate* unmanaged<nint, void> ReleaseValue;
    public readonly delegate* unmanaged<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSessionOptions;

    private OnnxRuntimeApi(string libraryPath)
    {
        if (!File.Exists(libraryPath))
        {
            throw new FileNotFoundException($"The ONNX Runtime library is not at {libraryPath}.", libraryPath);
        }
        var library = NativeLibrary.Load(libraryPath);
        var getApiBase = (delegate* unmanaged<OrtApiBase*>)NativeLibrary.GetExport(library, "OrtGetApiBase");
        var apiBase = getApiBase();
        Version = Marshal.PtrToStringUTF8((nint)apiBase->GetVersionString()) ?? "unknown";
        var api = apiBase->GetApi(ApiVersion);
        if (api == null)
        {
            throw new OnnxRuntimeException(OrtErrorCode.Fail,
                $"ONNX Runtime {Version} at {libraryPath} does not offer C API version {ApiVersion}; use 1.30 or newer.");
        }
        LibraryPath = libraryPath;
        CreateStatus = (delegate* unmanaged<OrtErrorCode, byte*, nint>)api[SlotCreateStatus];
        GetErrorCode = (delegate* unmanaged<nint, OrtErrorCode>)api[SlotGetErrorCode];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)api[SlotGetErrorMessage];
        CreateEnv = (delegate* unmanaged<OrtLoggingLevel, byte*, nint*, nint>)api[SlotCreateEnv];
        CreateSession = (delegate* unmanaged<nint, byte*, nint, nint*, nint>)api[SlotCreateSession];
        Run = (delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)api[SlotRun];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)api[SlotCreateSessionOptions];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, GraphOptimizationLevel, nint>)api[SlotSetSessionGraphOptimizationLevel];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)api[SlotSetIntraOpNumThreads];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)api[SlotSetInterOpNumThreads];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)api[SlotSessionGetInputCount];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)api[SlotSessionGetOutputCount];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)api[SlotSessionGetInputTypeInfo];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)api[SlotSessionGetOutputTypeInfo];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)api[SlotSessionGetInputName];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)api[SlotSessionGetOutputName];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, OnnxElementType, nint*, nint>)api[SlotCreateTensorWithDataAsOrtValue];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)api[SlotGetTensorMutableData];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)api[SlotCastTypeInfoToTensorInfo];
        GetTensorElementType = (delegate* unmanaged<nint, OnnxElementType*, nint>)api[SlotGetTensorElementType];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)api[SlotGetDimensionsCount];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)api[SlotGetDimensions];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)api[SlotGetTensorTypeAndShape];
        CreateCpuMemoryInfo = (delegate* unmanaged<OrtAllocatorType, OrtMemType, nint*, nint>)api[SlotCreateCpuMemoryInfo];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)api[SlotAllocatorFree];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)api[SlotGetAllocatorWithDefaultOptions];
        ReleaseEnv = (delegate* unmanaged<nint, void>)api[SlotReleaseEnv];
        ReleaseStatus = (delegate* unmanaged<nint, void>)api[SlotReleaseStatus];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)api[SlotReleaseMemoryInfo];
        ReleaseSession = (delegate* unmanaged<nint, void>)api[SlotReleaseSession];
        ReleaseValue = (delegate* unmanaged<nint, void>)api[SlotReleaseValue];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)api[SlotReleaseTypeInfo];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)api[SlotReleaseTensorTypeAndShapeInfo];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)api[SlotReleaseSessionOptions];
    }

    /// <summary>The full path the library was loaded from.</summary>
    public string LibraryPath { get; }

    /// <summary>What the library says its version is, e.g. "1.30.0".</summary>
    public string Version { get; }

    /// <summary>Loads the library at <paramref name="libraryPath"/> (or the default one) once per process.</summary>
    public static OnnxRuntimeApi Load(string? libraryPath = null)
    {
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(libraryPath) ? DefaultLibraryPath : libraryPath);
        // A failed load is not cached, so a library put in place later can still be loaded.
        var lazy = Loaded.GetOrAdd(path, p => new Lazy<OnnxRuntimeApi>(() => new OnnxRuntimeApi(p)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Loaded.TryRemove(new KeyValuePair<string, Lazy<OnnxRuntimeApi>>(path, lazy));
            throw;
        }
    }

    /// <summary>
    /// The one check every status goes through: null is success; anything else is read, released, and
    /// thrown as an <see cref="OnnxRuntimeException"/> carrying ORT's code and message.
    /// </summary>
    public void ThrowIfError(nint status)
    {
        if (status == 0)
        {
            return;
        }
        OrtErrorCode code;
        string message;
        try
        {
            code = GetErrorCode(status);
            message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? "";
        }
        finally
        {
            ReleaseStatus(status);
        }
        throw new OnnxRuntimeException(code, message);
    }

    /// <summary>Reads a name ORT allocated with the default allocator, then frees it there.</summary>
    public string TakeAllocatedString(byte* value)
    {
        if (value == null)
        {
            return "";
        }
        try
        {
            return Marshal.PtrToStringUTF8((nint)value) ?? "";
        }
        finally
        {
            nint allocator;
            // The default allocator is ORT's global; it is never released.
            ThrowIfError(GetAllocatorWithDefaultOptions(&allocator));
            ThrowIfError(AllocatorFree(allocator, value));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct OrtApiBase
    {
        public readonly delegate* unmanaged<uint, nint*> GetApi;
        public readonly delegate* unmanaged<byte*> GetVersionString;
    }
}
