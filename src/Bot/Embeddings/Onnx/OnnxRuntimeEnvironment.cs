using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// The process's ONNX Runtime environment, created before any session with its telemetry off. The
/// 1.32 Linux library otherwise writes a device id and an event queue under
/// <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime</c> and uploads them, and a self-hosted bot must
/// not phone home. <see cref="OrtEnv.DisableTelemetryEvents"/> comes too late for that (the environment
/// already started its uploader), so the runtime's own opt-out variable is set first, in the native
/// environment where the library reads it (.NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// does not reach it on Unix).
/// </summary>
/// <remarks>ONNX Runtime allows one environment a process, so this is the one static the bot keeps.</remarks>
public static partial class OnnxRuntimeEnvironment
{
    public const string TelemetryOptOutVariable = "ORT_DISABLE_TELEMETRY";

    private static readonly Lazy<OrtEnv> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The environment every session runs in; the first call creates it.</summary>
    public static OrtEnv Instance => Shared.Value;

    private static OrtEnv Create()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetNativeEnvironment(TelemetryOptOutVariable, "1", 1);
        }
        var options = new EnvironmentCreationOptions { logId = "bot", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING };
        var environment = OrtEnv.CreateInstanceWithOptions(ref options);
        // Windows builds report through ETW instead; this switch is how they are turned off.
        environment.DisableTelemetryEvents();
        return environment;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);
}
