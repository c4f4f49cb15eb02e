using System.Runtime.InteropServices;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// An owned pointer to one ORT object, released exactly once through the matching <c>Release*</c> slot,
/// whether by <c>Dispose</c> or, if someone forgot, by the finalizer.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    private static long live;

    protected OrtHandle(OnnxRuntimeApi api, nint handle)
        : base(0, ownsHandle: true)
    {
        if (handle == 0)
        {
            throw new ArgumentException("ONNX Runtime returned a null object without an error.", nameof(handle));
        }
        Api = api;
        SetHandle(handle);
        Interlocked.Increment(ref live);
    }

    /// <summary>ORT objects created by this process and not yet released; tests use it to find leaks.</summary>
    public static long LiveCount => Interlocked.Read(ref live);

    protected OnnxRuntimeApi Api { get; }

    public override bool IsInvalid => handle == 0;

    protected sealed override bool ReleaseHandle()
    {
        Release(handle);
        Interlocked.Decrement(ref live);
        return true;
    }

    protected abstract void Release(nint value);
}

internal sealed unsafe class OrtEnvHandle(OnnxRuntimeApi api, nint handle) : OrtHandle(api, handle)
{
    public static OrtEnvHandle Create(OnnxRuntimeApi api, string logId)
    {
        nint env;
        var id = System.Text.Encoding.UTF8.GetBytes(logId + "\0");
        fixed (byte* idPtr = id)
        {
            // ORT keeps one environment per process and counts references to it, so each session may
            // hold its own handle. Its own log writes straight to stderr, past our logging; every failure
            // also comes back as a status and so as an exception, so only fatal messages go there.
            api.ThrowIfError(api.CreateEnv(OrtLoggingLevel.Fatal, idPtr, &env));
        }
        return new OrtEnvHandle(api, env);
    }

    protected override void Release(nint value) => Api.ReleaseEnv(value);
}

internal sealed unsafe class OrtSessionOptionsHandle(OnnxRuntimeApi api, nint handle) : OrtHandle(api, handle)
{
    protected override void Release(nint value) => Api.ReleaseSessionOptions(value);
}

/// <summary>A session keeps its environment alive: ORT must not tear the environment down under a live session.</summary>
internal sealed unsafe class OrtSessionHandle : OrtHandle
{
    private readonly OrtEnvHandle env;

    public OrtSessionHandle(OnnxRuntimeApi api, nint handle, OrtEnvHandle env)
        : base(api, handle)
    {
        var added = false;
        env.DangerousAddRef(ref added);
        this.env = env;
    }

    protected override void Release(nint value)
    {
        Api.ReleaseSession(value);
        env.DangerousRelease();
    }
}

internal sealed unsafe class OrtMemoryInfoHandle(OnnxRuntimeApi api, nint handle) : OrtHandle(api, handle)
{
    protected override void Release(nint value) => Api.ReleaseMemoryInfo(value);
}

internal sealed unsafe class OrtValueHandle(OnnxRuntimeApi api, nint handle) : OrtHandle(api, handle)
{
    protected override void Release(nint value) => Api.ReleaseValue(value);
}

internal sealed unsafe class OrtTypeInfoHandle(OnnxRuntimeApi api, nint handle) : OrtHandle(api, handle)
{
    protected override void Release(nint value) => Api.ReleaseTypeInfo(value);
}

internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle(OnnxRuntimeApi api, nint handle) : OrtHandle(api, handle)
{
    protected override void Release(nint value) => Api.ReleaseTensorTypeAndShapeInfo(value);
}
