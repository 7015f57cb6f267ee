using System.Globalization;
using Skiff.ApiServer.Metrics;

namespace Skiff.ApiServer.Tests.Metrics;

public sealed class RuntimeMetricsTests
{
    [Fact]
    public void Render_CountsCollectionsPerGeneration_AndGrowsAfterACollection()
    {
        var before = Value(RuntimeMetrics.Render(), "dotnet_gc_collections_total{generation=\"gen2\"}");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = Value(RuntimeMetrics.Render(), "dotnet_gc_collections_total{generation=\"gen2\"}");

        Assert.True(after >= before + 1, $"gen2 collections {before} -> {after}");
    }

    [Fact]
    public void Render_AllocatedBytes_GrowWithAllocation()
    {
        var before = Value(RuntimeMetrics.Render(), "dotnet_gc_allocated_bytes_total");
        var junk = new byte[4 << 20];
        GC.KeepAlive(junk);
        var after = Value(RuntimeMetrics.Render(), "dotnet_gc_allocated_bytes_total");

        Assert.True(after - before >= 4 << 20, $"allocated {before} -> {after}");
    }

    [Fact]
    public void Render_EverySampleHasHelpAndType()
    {
        var lines = RuntimeMetrics.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var typed = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        var samples = lines.Where(l => !l.StartsWith('#')).ToList();

        Assert.Contains("process_cpu_seconds_total", typed);
        Assert.Contains("dotnet_gc_pause_seconds_total", typed);
        Assert.All(samples, s => Assert.Contains(s.Split('{', ' ')[0], typed));
        Assert.All(samples, s => Assert.True(double.TryParse(s[(s.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out _), s));
    }

    private static double Value(string text, string sample)
    {
        var line = text.Split('\n').Single(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        return double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
