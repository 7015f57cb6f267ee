using System.Diagnostics;
using Skiff.Bench.ApiServer;
using Skiff.Bench.Controllers;
using Skiff.Bench.Storage;

// Usage: dotnet run -c Release --project bench/Skiff.Bench.Controllers [-- --replicas 100] [--runs 2] [--informer-pods 10000]
//        [--phase-cap-seconds 300] [--results bench/RESULTS.md] [--skiff path/to/skiff.dll]
var settings = ControllerBenchSettings.Parse(args);
var runs = int.Parse(Arg("--runs") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
var resultsPath = Arg("--results");
var skiffDll = Path.GetFullPath(Arg("--skiff") ?? SkiffBinary.Find());
var log = Console.Error;
var clock = Stopwatch.StartNew();
log.WriteLine($"skiff: {skiffDll}; {settings.Replicas} replicas on {settings.Nodes} hollow nodes, {settings.InformerPods} informer pods, {runs} run(s)");

var deployments = new List<DeploymentResult>();
var informers = new List<InformerResult>();
for (var run = 1; run <= runs; run++)
{
    log.WriteLine($"run {run}/{runs}: deployment");
    await using (var server = await SkiffServer.StartAsync(skiffDll, datastoreEndpoint: null))
    {
        await using var nodes = HollowNodesProcess.Start(skiffDll, server.KubeconfigPath, settings.Nodes, settings.PodsPerNode);
        var bench = new DeploymentBench(settings, new KubeApi(server.Client), new ProcessMeter(server.ProcessId), log);
        try
        {
            await bench.WaitForNodesAsync();
            deployments.Add(await bench.RunAsync());
        }
        catch (TimeoutException)
        {
            log.WriteLine($"server log tail:\n{Tail(server.Log)}\nhollow-nodes log tail:\n{Tail(nodes.Log)}");
            throw;
        }
    }

    log.WriteLine($"run {run}/{runs}: informer memory");
    await using (var server = await SkiffServer.StartAsync(skiffDll, datastoreEndpoint: null))
    {
        informers.Add(await new InformerBench(settings, new KubeApi(server.Client), server.KubeconfigPath, log).RunAsync());
    }
}

var section = ControllerReport.Render(settings, deployments, informers, MachineInfo.Describe(), clock.Elapsed);
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

static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));
