using System.Globalization;

namespace Skiff.Bench.Controllers;

/// <summary>CPU time and memory of one process read from /proc, plus the highest RSS seen by <see cref="Sample"/>.</summary>
internal sealed class ProcessMeter(int pid)
{
    private double _peakRssMiB;

    /// <summary>User plus system CPU the process has used so far, in seconds.</summary>
    public double CpuSeconds()
    {
        // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public double RssMiB() => StatusMiB("VmRSS:");

    /// <summary>The kernel's high-water mark of RSS since the process started.</summary>
    public double HighWaterMiB() => StatusMiB("VmHWM:");

    public void Sample() => _peakRssMiB = Math.Max(_peakRssMiB, RssMiB());

    /// <summary>Starts a phase: CPU counted from now, peak RSS from the current RSS.</summary>
    public PhaseMark Begin()
    {
        _peakRssMiB = RssMiB();
        return new PhaseMark(CpuSeconds(), _peakRssMiB);
    }

    public PhaseUsage End(PhaseMark mark, TimeSpan elapsed)
    {
        Sample();
        return new PhaseUsage(CpuSeconds() - mark.CpuSeconds, elapsed, mark.RssMiB, RssMiB(), _peakRssMiB, HighWaterMiB());
    }

    private double StatusMiB(string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
