using Skiff.Bench.Controllers;

namespace Skiff.Bench.Kubelet;

/// <summary>
/// The server process and its containerd with <see cref="Pods"/> running pods and nothing changing: CPU over a
/// window, RSS. containerd's figures leave out the shims (one process per pod, outside its tree).
/// </summary>
internal sealed record RestingUsage(int Pods, PhaseUsage Usage, PhaseUsage Containerd);
