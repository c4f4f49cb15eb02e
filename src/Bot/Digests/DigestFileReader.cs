namespace Bot.Digests;

/// <summary>
/// Reads a digest file from disk without ever blocking for good. Only a regular file with something
/// in it is opened: opening a FIFO waits for a writer that may never come, and a device (/dev/zero)
/// never ends. .NET does not say what kind of file a path is, but every special file reports a length
/// of 0, so a file of length 0 is never opened. A file swapped for a FIFO between that check and the
/// open is still caught by the time limit on the read (the thread stuck in the open is then left to
/// the FIFO's next writer).
/// </summary>
internal static class DigestFileReader
{
    public static async Task<byte[]> ReadAsync(FileInfo file, long maxBytes, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            throw new DigestFormatException(file.Name, "the file is empty, or not a regular file (a FIFO, socket or device), so it was not read");
        }
        var read = Task.Run(() => ReadBounded(file.FullName, maxBytes), CancellationToken.None);
        try
        {
            return await read.WaitAsync(timeout, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new DigestFormatException(file.Name, $"reading the file took longer than {timeout.TotalSeconds:0.#} s (Bot:Ingest:ReadTimeoutSeconds); a FIFO or a device is not a digest");
        }
    }

    /// <summary>At most <paramref name="maxBytes"/> + 1 bytes, so a file that grew past the limit is caught without reading it all.</summary>
    private static byte[] ReadBounded(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int count;
        while (buffer.Length <= maxBytes && (count = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, count);
        }
        return buffer.ToArray();
    }
}
