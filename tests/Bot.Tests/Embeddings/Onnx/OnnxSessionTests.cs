using System.Text;
using Bot.Embeddings.Onnx;

namespace Bot.Tests.Embeddings.Onnx;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxSessionTests : IDisposable
{
    // Words: V = 3 rows of H = 2; Types: 2 rows.
    private static readonly TinyOnnxModel Model = new([[1, 2], [3, 4], [5, 6]], Scale: 2f, Types: [[0.5f, 0.5f], [1, 1]]);

    private readonly TempFolder folder = new();
    private readonly string modelPath;

    public OnnxSessionTests()
    {
        modelPath = folder.File("model.onnx");
        TinyOnnxModelWriter.Write(modelPath, Model);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Open_TinyModel_ListsInputsAndOutputsAsDeclared()
    {
        using var session = OnnxSession.Open(modelPath, new OnnxSessionSettings());

        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], session.Inputs.Select(i => i.Name));
        Assert.All(session.Inputs, i => Assert.Equal(OnnxElementType.Int64, i.ElementType));
        Assert.All(session.Inputs, i => Assert.Equal([-1L, -1L], i.Shape));
        var output = Assert.Single(session.Outputs);
        Assert.Equal("last_hidden_state", output.Name);
        Assert.Equal(OnnxElementType.Float, output.ElementType);
        Assert.Equal([-1L, -1L, 2L], output.Shape);
        Assert.StartsWith("1.30", session.RuntimeVersion);
    }

    [Fact]
    public void Run_GatherMulAddMask_ReturnsHandComputedValues()
    {
        using var session = OnnxSession.Open(modelPath, new OnnxSessionSettings());

        var result = Assert.Single(session.Run(
            [
                new("input_ids", [0, 1, 2, 2], [2, 2]),
                new("attention_mask", [1, 1, 1, 0], [2, 2]),
                new("token_type_ids", [0, 0, 1, 1], [2, 2]),
            ],
            ["last_hidden_state"]));

        // 2·[1,2]+[.5,.5], 2·[3,4]+[.5,.5], 2·[5,6]+[1,1], then the masked position is zero.
        Assert.Equal([2L, 2, 2], result.Shape);
        Assert.Equal([2.5f, 4.5f, 6.5f, 8.5f, 11f, 13f, 0f, 0f], result.Data);
    }

    [Fact]
    public void Run_IndexOutOfRange_ThrowsOrtMessage()
    {
        using var session = OnnxSession.Open(modelPath, new OnnxSessionSettings());
        var live = OrtHandle.LiveCount;

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(
            [new("input_ids", [0, 9], [1, 2]), new("attention_mask", [1, 1], [1, 2]), new("token_type_ids", [0, 0], [1, 2])],
            ["last_hidden_state"]));

        Assert.Contains("indices element out of data bounds", error.OrtMessage);
        Assert.Equal(live, OrtHandle.LiveCount);
    }

    [Fact]
    public void Open_MissingFile_ThrowsNoSuchFileWithOrtMessage()
    {
        var missing = folder.File("absent.onnx");

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open(missing, new OnnxSessionSettings()));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.Code);
        Assert.Contains(missing, error.OrtMessage);
        Assert.Contains("File doesn't exist", error.OrtMessage);
    }

    [Fact]
    public void Open_CorruptFile_ThrowsInvalidProtobufWithOrtMessage()
    {
        var corrupt = folder.File("corrupt.onnx");
        File.WriteAllText(corrupt, "this is not a protobuf");

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open(corrupt, new OnnxSessionSettings()));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.Code);
        Assert.Contains("Protobuf parsing failed", error.OrtMessage);
    }

    [Fact]
    public unsafe void ThrowIfError_Status_CarriesCodeAndMessage()
    {
        var api = OnnxRuntimeApi.Load();
        var message = Encoding.UTF8.GetBytes("bad shape\0");
        nint status;
        fixed (byte* text = message)
        {
            status = api.CreateStatus(OrtErrorCode.InvalidArgument, text);
        }

        var error = Assert.Throws<OnnxRuntimeException>(() => api.ThrowIfError(status));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
        Assert.Equal("bad shape", error.OrtMessage);
        api.ThrowIfError(0);
    }

    [Fact]
    public void Open_IntraOpThreads_SizesOrtThreadPool()
    {
        // ORT's intra-op pool runs on the calling thread plus N - 1 threads of its own.
        var withOne = ThreadsAddedBy(new OnnxSessionSettings(IntraOpThreads: 1, InterOpThreads: 1));
        var withFour = ThreadsAddedBy(new OnnxSessionSettings(IntraOpThreads: 4, InterOpThreads: 1));

        Assert.True(withFour - withOne >= 3, $"1 thread added {withOne}, 4 threads added {withFour}");
    }

    [Fact]
    public void Dispose_Twice_IsSafe()
    {
        var session = OnnxSession.Open(modelPath, new OnnxSessionSettings());

        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run([new("input_ids", [0], [1, 1])], ["last_hidden_state"]));
    }

    [Fact]
    public void OpenRunDispose_200Times_ReleasesEveryHandle()
    {
        var before = OrtHandle.LiveCount;
        for (var i = 0; i < 200; i++)
        {
            using var session = OnnxSession.Open(modelPath, new OnnxSessionSettings(IntraOpThreads: 1));
            session.Run(
                [new("input_ids", [1], [1, 1]), new("attention_mask", [1], [1, 1]), new("token_type_ids", [0], [1, 1])],
                ["last_hidden_state"]);
        }

        Assert.Equal(before, OrtHandle.LiveCount);
    }

    [Fact]
    public async Task Run_FromManyThreads_GivesSameResults()
    {
        using var session = OnnxSession.Open(modelPath, new OnnxSessionSettings());

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => session.Run(
            [new("input_ids", [i % 3], [1, 1]), new("attention_mask", [1], [1, 1]), new("token_type_ids", [0], [1, 1])],
            ["last_hidden_state"])[0].Data)));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(Model.Words[i % 3].Select(w => (2 * w) + 0.5f), results[i]);
        }
    }

    private int ThreadsAddedBy(OnnxSessionSettings settings)
    {
        var before = Directory.GetDirectories("/proc/self/task").Length;
        using var session = OnnxSession.Open(modelPath, settings);
        return Directory.GetDirectories("/proc/self/task").Length - before;
    }
}
