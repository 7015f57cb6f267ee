using k8s;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Client.Informers;

namespace Skiff.Client.Controllers;

/// <summary>What a controller gets to set itself up: the API client, shared informers, events, time and logs.</summary>
public sealed class ControllerContext
{
    public required IKubernetes Client { get; init; }

    public required ISharedInformerFactory Informers { get; init; }

    /// <summary>An event recorder whose events name <c>source.component</c> (e.g. "replicaset-controller").</summary>
    public required Func<string, IEventRecorder> Recorders { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILoggerFactory Loggers { get; init; }

    public required Func<string, IControllerBuilder> NewController { get; init; }
}
