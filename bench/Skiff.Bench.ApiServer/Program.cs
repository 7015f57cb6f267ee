using System.Diagnostics;
using Skiff.Bench.ApiServer;
using Skiff.Bench.Storage;
using Skiff.Storage.Tests.Etcd;

// Usage: dotnet run -c Release --project bench/Skiff.Bench.ApiServer [-- --quick] [-- --results bench/RESULTS.md] [-- --skiff path/to/skiff.dll]
var quick = args.Contains("--quick");
var settings = quick ? BenchSettings.Quick : new BenchSettings();
var resultsPath = Arg("--results");
var skiffDll = Path.GetFullPath(Arg("--skiff") ?? SkiffBinary.Publish());
var log = Console.Error;
var clock = Stopwatch.StartNew();
log.WriteLine($"skiff: {skiffDll}");

var coldStarts = new List<double>();
for (var i = 0; i < settings.ColdStarts; i++)
{
    await using var cold = await SkiffServer.StartAsync(skiffDll, datastoreEndpoint: null);
    coldStarts.Add(cold.StartToReady.TotalMilliseconds);
    log.WriteLine($"cold start {i + 1}/{settings.ColdStarts}: {cold.StartToReady.TotalMilliseconds:0} ms");
}

var workloads = new ServerWorkloads(settings, log);
var results = new List<ServerResult>();
await using (var embedded = await SkiffServer.StartAsync(skiffDll, datastoreEndpoint: null))
{
    results.Add(await workloads.RunAsync("embedded SQLite", embedded));
}

RawResult raw;
await using (var etcd = await EtcdProcess.StartAsync())
{
    await using (var overEtcd = await SkiffServer.StartAsync(skiffDll, etcd.ClientUrl))
    {
        results.Add(await workloads.RunAsync("etcd", overEtcd));
    }

    log.WriteLine("raw etcd:");
    raw = await RawPeer.RunAsync(etcd.ClientUrl, settings, log);
}

var section = Report.Render(settings, coldStarts, results, raw, MachineInfo.Describe(), clock.Elapsed);
Console.WriteLine(section);
if (resultsPath is not null)
{
    await File.AppendAllTextAsync(resultsPath, Environment.NewLine + section);
    log.WriteLine($"appended to {resultsPath}");
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
