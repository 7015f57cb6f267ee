using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>The incoming pod with its affinity terms, namespace selectors already resolved to namespace names.</summary>
internal sealed record IncomingPod(V1Pod Pod, PodAffinityTerms Terms);
