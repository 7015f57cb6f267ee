using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Skiff.Storage.Etcd;

/// <summary>One gRPC channel over all members, round robin across the ones that answer.</summary>
internal static class EtcdChannelFactory
{
    public static GrpcChannel Create(EtcdStoreOptions options)
    {
        var addresses = EtcdEndpoints.ToAddresses(options);
        var tls = EtcdEndpoints.UsesTls(options);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.DialTimeout,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,

            // Watches sit idle for long stretches; pings notice a dead member instead of waiting forever.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (tls)
        {
            handler.SslOptions = EtcdTls.ClientOptions(options);
        }

        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => addresses));
        return GrpcChannel.ForAddress("static:///etcd", new GrpcChannelOptions
        {
            Credentials = tls ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
            HttpHandler = handler,
            ServiceProvider = services.BuildServiceProvider(),
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },

            // A list of many large objects easily passes gRPC's 4 MiB default; etcd itself sends without limit.
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            ThrowOperationCanceledOnCancellation = true,
        });
    }
}
