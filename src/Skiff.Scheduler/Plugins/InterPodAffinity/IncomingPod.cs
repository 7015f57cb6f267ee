using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// The incoming pod with its affinity terms, namespace selectors already resolved to namespace names, and whether the
/// pod matches all of its own required affinity terms (what lets the first pod of a self-affine group go anywhere).
/// </summary>
internal sealed record IncomingPod(V1Pod Pod, PodAffinityTerms Terms, bool MatchesOwnAffinity);
