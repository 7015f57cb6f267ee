using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Client.Events;

namespace Skiff.Controllers.Deployment;

/// <summary>What every step of a deployment sync uses: writes, events, time and the ReplicaSet cache.</summary>
internal sealed record SyncServices(IDeploymentWriter Writer, IEventRecorder Events, TimeProvider Time, ILister<V1ReplicaSet> ReplicaSets);
