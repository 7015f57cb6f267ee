namespace Skiff.Api.RawHttp;

/// <summary>Copies an upgraded connection both ways until either side closes, then tears down the other.</summary>
public static class BytePump
{
    public static async Task RunAsync(Stream client, Stream backend, CancellationToken ct)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var up = client.CopyToAsync(backend, done.Token);
        var down = backend.CopyToAsync(client, done.Token);
        try
        {
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // One side closing mid-copy is how these streams end.
            }
        }
    }
}
