using System.Diagnostics;
using Skiff.Bench.Storage;
using Skiff.Storage.Tests.Etcd;

// Usage: dotnet run -c Release --project bench/Skiff.Bench.Storage [-- --quick] [-- --results bench/RESULTS.md]
var quick = args.Contains("--quick");
var resultsIndex = Array.IndexOf(args, "--results");
var resultsPath = resultsIndex >= 0 && resultsIndex + 1 < args.Length ? args[resultsIndex + 1] : null;
var settings = quick ? BenchSettings.Quick : new BenchSettings();
var log = Console.Error;
var clock = Stopwatch.StartNew();

log.WriteLine("starting etcd on loopback ...");
await using var etcd = await EtcdProcess.StartAsync();
var scratch = Directory.CreateTempSubdirectory("skiff-bench-");
try
{
    var workloads = new Workloads(settings, log);
    var targets = BenchTargets.All(etcd.ClientUrl, scratch.FullName);
    var rounds = targets.ToDictionary(t => t.Name, _ => new List<TargetResult>());
    for (var round = 0; round < settings.Rounds; round++)
    {
        // Rotate the order each round so no target always runs first or on the biggest etcd database.
        foreach (var (name, open) in targets.Skip(round % targets.Count).Concat(targets.Take(round % targets.Count)))
        {
            await using var target = await open(round);
            log.WriteLine($"round {round + 1}/{settings.Rounds}, {name}:");
            rounds[name].Add(await workloads.RunAsync(target, $"/bench/{round}/{rounds[name].Count}-{targets.FindIndex(t => t.Name == name)}/"));
        }
    }

    var results = targets.Select(t => TargetResult.Median(rounds[t.Name])).ToList();
    var section = ResultTable.Render(settings, results, MachineInfo.Describe(), clock.Elapsed);
    Console.WriteLine(section);
    if (resultsPath is not null)
    {
        await File.AppendAllTextAsync(resultsPath, Environment.NewLine + section);
        log.WriteLine($"appended to {resultsPath}");
    }
}
finally
{
    scratch.Delete(recursive: true);
}
