using Skiff.Bench.Controllers;

namespace Skiff.Bench.Kubelet;

/// <summary>The server process with <see cref="Pods"/> running pods and nothing changing: CPU over a window, RSS.</summary>
internal sealed record RestingUsage(int Pods, PhaseUsage Usage);
