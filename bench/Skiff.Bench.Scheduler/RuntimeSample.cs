using System.Globalization;

namespace Skiff.Bench.Scheduler;

/// <summary>
/// The server's runtime counters from /metrics (allocation, collections, GC pauses, JIT) at one moment; the difference
/// of two samples is what the measured window cost. Allocation per pod hardly depends on how loaded the machine is,
/// which CPU per pod does.
/// </summary>
internal sealed record RuntimeSample(double AllocatedBytes, double GcPauseSeconds, double Gen0, double Gen1, double Gen2, double JitSeconds, double JitMethods)
{
    public static async Task<RuntimeSample> ScrapeAsync(HttpClient client)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in (await client.GetStringAsync("/metrics")).Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith("dotnet_", StringComparison.Ordinal) && space > 0
                && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[line[..space]] = value;
            }
        }

        double Get(string name) => values.GetValueOrDefault(name, double.NaN);
        return new RuntimeSample(
            Get("dotnet_gc_allocated_bytes_total"),
            Get("dotnet_gc_pause_seconds_total"),
            Get("dotnet_gc_collections_total{generation=\"gen0\"}"),
            Get("dotnet_gc_collections_total{generation=\"gen1\"}"),
            Get("dotnet_gc_collections_total{generation=\"gen2\"}"),
            Get("dotnet_jit_compilation_seconds_total"),
            Get("dotnet_jit_methods_compiled_total"));
    }

    public RuntimeSample Since(RuntimeSample before) => new(
        AllocatedBytes - before.AllocatedBytes,
        GcPauseSeconds - before.GcPauseSeconds,
        Gen0 - before.Gen0,
        Gen1 - before.Gen1,
        Gen2 - before.Gen2,
        JitSeconds - before.JitSeconds,
        JitMethods - before.JitMethods);
}
