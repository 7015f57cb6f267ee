using System.Net.Sockets;
using Grpc.Net.Client;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Cri;

/// <summary>
/// One gRPC channel to a CRI runtime over its unix socket, with the two CRI clients on it.
/// Cheap to keep for the life of the kubelet: the channel reconnects by itself when the runtime restarts.
/// </summary>
public sealed class CriConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private CriConnection(string socketPath, GrpcChannel channel)
    {
        SocketPath = socketPath;
        _channel = channel;
        Runtime = new RuntimeService.RuntimeServiceClient(channel);
        Images = new ImageService.ImageServiceClient(channel);
    }

    public string SocketPath { get; }

    public RuntimeService.RuntimeServiceClient Runtime { get; }

    public ImageService.ImageServiceClient Images { get; }

    /// <summary>
    /// Opens a channel to <paramref name="endpoint"/>: a socket path, or <c>unix:///path</c> as kubelet's
    /// <c>--container-runtime-endpoint</c> spells it. Nothing is dialled until the first call.
    /// </summary>
    public static CriConnection Open(string endpoint)
    {
        var socketPath = ParseEndpoint(endpoint);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            // Image pulls and stops with long grace periods keep one call open for minutes.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
        };

        // The authority is never sent anywhere; gRPC only needs a well-formed http:// address for h2c.
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // containerd answers ListContainers and image lists of busy nodes with large messages.
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        return new CriConnection(socketPath, channel);
    }

    internal static string ParseEndpoint(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        if (endpoint.StartsWith("unix://", StringComparison.Ordinal))
        {
            endpoint = endpoint["unix://".Length..];
        }
        else if (endpoint.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unsupported container runtime endpoint \"{endpoint}\": only unix sockets are supported", nameof(endpoint));
        }

        if (!endpoint.StartsWith('/'))
        {
            throw new ArgumentException($"container runtime endpoint \"{endpoint}\" must be an absolute socket path", nameof(endpoint));
        }

        return endpoint;
    }

    public void Dispose() => _channel.Dispose();
}
