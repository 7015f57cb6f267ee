using System.Globalization;
using System.Runtime;
using System.Text;

namespace Skiff.ApiServer.Metrics;

/// <summary>
/// The process's own figures in the Prometheus text format, as upstream's Go components export process_* and go_gc_*:
/// CPU, memory, and what the .NET runtime spends on collecting and compiling, so a load test can tell allocation cost
/// from request cost.
/// </summary>
public static class RuntimeMetrics
{
    private static readonly DateTimeOffset ProcessStart = StartTime();

    public static string Render()
    {
        var text = new StringBuilder(2048);
        var info = GC.GetGCMemoryInfo();
        Counter(text, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", Environment.CpuUsage.TotalTime.TotalSeconds);
        Gauge(text, "process_resident_memory_bytes", "Resident memory size in bytes.", Environment.WorkingSet);
        Gauge(text, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.", ProcessStart.ToUnixTimeMilliseconds() / 1000.0);

        text.Append("# HELP dotnet_gc_collections_total Garbage collections since the process started, by the oldest generation collected.\n");
        text.Append("# TYPE dotnet_gc_collections_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            // CollectionCount counts a generation's collections including those of older generations; report each alone.
            var alone = GC.CollectionCount(generation) - (generation < GC.MaxGeneration ? GC.CollectionCount(generation + 1) : 0);
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"gen{generation}\"}} {alone}\n");
        }

        Counter(text, "dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection, in seconds.", GC.GetTotalPauseDuration().TotalSeconds);
        Counter(text, "dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started.", GC.GetTotalAllocatedBytes());
        Gauge(text, "dotnet_gc_heap_size_bytes", "Managed heap size after the last collection, in bytes.", info.HeapSizeBytes);
        Gauge(text, "dotnet_gc_committed_bytes", "Memory committed for the managed heap, in bytes.", info.TotalCommittedBytes);
        Counter(text, "dotnet_jit_compilation_seconds_total", "Time spent compiling methods, in seconds.", System.Runtime.JitInfo.GetCompilationTime().TotalSeconds);
        Counter(text, "dotnet_jit_methods_compiled_total", "Methods compiled by the JIT.", System.Runtime.JitInfo.GetCompiledMethodCount());
        Gauge(text, "dotnet_gc_server", "1 when the server garbage collector runs, 0 for the workstation one.", GCSettings.IsServerGC ? 1 : 0);
        return text.ToString();
    }

    private static DateTimeOffset StartTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime());
    }

    private static void Counter(StringBuilder text, string name, string help, double value) => Write(text, name, help, "counter", value);

    private static void Gauge(StringBuilder text, string name, string help, double value) => Write(text, name, help, "gauge", value);

    private static void Write(StringBuilder text, string name, string help, string type, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
