using System.Runtime.CompilerServices;

namespace Bot.Llm;

/// <summary>One step of a stream read through <see cref="CatchingStream.Catching"/>: the next item, or the failure that ended the stream.</summary>
public readonly record struct StreamStep<T>(T Item, Exception? Failure);

/// <summary>
/// The one loop that reads a stream whose next item may fail. C# cannot yield inside a try that has a
/// catch, so each layer that turns a stream's failure into something else (a retry, the extractive
/// answer, an error reply) reads its stream through this rather than a move-next-in-try of its own.
/// </summary>
public static class CatchingStream
{
    /// <summary>
    /// Each item of <paramref name="source"/> as a step; a failure that <paramref name="handles"/> accepts
    /// comes as a last step holding it. Any other failure passes through, and the source is disposed either way.
    /// </summary>
    public static async IAsyncEnumerable<StreamStep<T>> Catching<T>(this IAsyncEnumerable<T> source, Func<Exception, bool> handles,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            StreamStep<T> step;
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    yield break;
                }
                step = new StreamStep<T>(stream.Current, null);
            }
            catch (Exception exception) when (handles(exception))
            {
                step = new StreamStep<T>(default!, exception);
            }
            yield return step;
            if (step.Failure is not null)
            {
                yield break;
            }
        }
    }
}
