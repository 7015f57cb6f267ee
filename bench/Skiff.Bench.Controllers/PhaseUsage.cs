namespace Skiff.Bench.Controllers;

/// <summary>What the server process used during one phase: CPU seconds, and RSS at start, end, peak (sampled) and VmHWM.</summary>
internal sealed record PhaseUsage(double CpuSeconds, TimeSpan Elapsed, double StartRssMiB, double EndRssMiB, double PeakRssMiB, double HighWaterMiB)
{
    /// <summary>Average cores busy over the phase.</summary>
    public double Cores => Elapsed.TotalSeconds > 0 ? CpuSeconds / Elapsed.TotalSeconds : 0;
}
