namespace Skiff.Controllers.ReplicaSet;

/// <summary>
/// Runs an action <c>count</c> times in parallel batches of 1, 2, 4, ... and stops after the first batch with a failure,
/// as upstream's slowStartBatch: a quota or webhook that refuses every create costs one call, not hundreds.
/// </summary>
internal static class SlowStart
{
    public const int InitialBatchSize = 1;

    /// <returns>How many calls succeeded, and the first failure if any.</returns>
    public static async Task<(int Successes, Exception? Error)> RunAsync(int count, Func<Task> action)
    {
        var successes = 0;
        var remaining = count;
        for (var batch = Math.Min(remaining, InitialBatchSize); batch > 0; batch = Math.Min(2 * batch, remaining))
        {
            var calls = Enumerable.Range(0, batch).Select(_ => Capture(action)).ToList();
            var errors = (await Task.WhenAll(calls).ConfigureAwait(false)).Where(e => e is not null).ToList();
            successes += batch - errors.Count;
            if (errors.Count > 0)
            {
                return (successes, errors[0]);
            }

            remaining -= batch;
        }

        return (successes, null);
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e;
        }
    }
}
