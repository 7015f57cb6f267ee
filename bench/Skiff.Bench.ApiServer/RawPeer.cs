using System.Globalization;
using System.Text;
using Skiff.Bench.Storage;

namespace Skiff.Bench.ApiServer;

/// <summary>
/// The store underneath with no API server: dotnet-etcd sending etcd a create-if-absent transaction
/// (what a create costs the etcd backend) with a ConfigMap-sized JSON value, and serial gets.
/// </summary>
internal static class RawPeer
{
    public static async Task<RawResult> RunAsync(string etcdUrl, BenchSettings settings, TextWriter log)
    {
        await using var target = new RawTxnTarget(etcdUrl);
        var value = Encoding.UTF8.GetBytes("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-0000","namespace":"raw","uid":"7d1b0f5e-5c9a-4b44-9a3e-2d8f8b0c1a11","resourceVersion":"","creationTimestamp":"2026-11-23T20:00:00Z"},"data":{"key":"v"}}""");
        var result = new RawResult(target.Name);
        foreach (var clients in settings.Concurrency)
        {
            result.CreatesPerSecond[clients] = await Timed.ThroughputAsync(clients, settings.RawCreates, settings.PhaseCap,
                i => target.CreateAsync($"/registry/configmaps/raw{clients}/cm-{i.ToString(CultureInfo.InvariantCulture)}", value));
            log.WriteLine($"  raw creates ×{clients}: {result.CreatesPerSecond[clients]:0}/s");
        }

        result.Gets.AddRange(await Timed.SerialAsync(settings.SerialOps, settings.PhaseCap, _ => target.GetAsync("/registry/configmaps/raw1/cm-0")));
        return result;
    }
}
