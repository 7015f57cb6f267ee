using Grpc.Core;

namespace Skiff.Storage.Etcd;

/// <summary>Maps etcd's gRPC failures onto the few store failures callers handle.</summary>
internal static class EtcdErrors
{
    // etcd reports these as status messages only; the texts are stable across 3.4 to 3.6.
    private const string CompactedMessage = "required revision has been compacted";
    private const string TooLargeMessage = "request is too large";
    private const string FutureMessage = "required revision is a future revision";

    public static Exception Translate(RpcException e, long compactRevision = 0)
    {
        var detail = e.Status.Detail;
        if (detail.Contains(CompactedMessage, StringComparison.Ordinal))
        {
            return new StoreException(StoreErrorKind.Compacted, "etcd: " + detail, compactRevision: compactRevision, inner: e);
        }

        if (detail.Contains(FutureMessage, StringComparison.Ordinal))
        {
            return new ArgumentOutOfRangeException("revision", "etcd: " + detail);
        }

        if (detail.Contains(TooLargeMessage, StringComparison.Ordinal) || e.StatusCode == StatusCode.ResourceExhausted)
        {
            return new StoreException(StoreErrorKind.TooLarge, "etcd: " + detail, inner: e);
        }

        if (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            var cause = e.Status.DebugException?.GetBaseException().Message;
            var message = cause is null || detail.Contains(cause, StringComparison.Ordinal) ? detail : $"{detail} ({cause})";
            return new StoreException(StoreErrorKind.Unavailable, "etcd unavailable: " + message, inner: e);
        }

        return e;
    }

    public static async Task<T> CallAsync<T>(Func<AsyncUnaryCall<T>> start)
    {
        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }
    }

    public static void ThrowIfTooLarge(string key, byte[] value)
    {
        if (value.Length > StoreLimits.MaxValueBytes)
        {
            throw new StoreException(StoreErrorKind.TooLarge, $"value of {key} is {value.Length} bytes, over the limit of {StoreLimits.MaxValueBytes}");
        }
    }
}
