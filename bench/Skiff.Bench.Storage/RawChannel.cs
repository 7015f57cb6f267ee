using Grpc.Core;
using Grpc.Net.Client;

namespace Skiff.Bench.Storage;

internal static class RawChannel
{
    /// <summary>Plain HTTP, and no 4 MiB receive cap: a list of 10,000 values of 1 KiB is about 10 MiB (the etcd backend lifts the cap too).</summary>
    public static void Configure(GrpcChannelOptions options)
    {
        options.Credentials = ChannelCredentials.Insecure;
        options.MaxReceiveMessageSize = null;
    }
}
