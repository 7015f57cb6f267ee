using System.Diagnostics;
using Skiff.Bench.ApiServer;
using Skiff.Bench.Scheduler;
using Skiff.Bench.Storage;

// Usage: dotnet run -c Release --project bench/Skiff.Bench.Scheduler [-- --nodes 5000 --pods 10000 --shapes SchedulingBasic,...
//        --zones 10 --group-size 100 --parallelism 32 --timeout-seconds 300 --results bench/RESULTS.md --skiff path/to/skiff.dll]
var options = BenchOptions.Parse(args);
var skiffDll = Path.GetFullPath(options.Skiff ?? SkiffBinary.Find());
var log = Console.Error;
var clock = Stopwatch.StartNew();
log.WriteLine($"skiff: {skiffDll}");

var results = new List<ShapeResult>();
var run = new ShapeRun(skiffDll, options, log);
foreach (var shape in options.Shapes)
{
    results.Add(await run.RunAsync(shape));
}

var section = Report.Render(options, results, MachineInfo.Describe(), clock.Elapsed);
Console.WriteLine(section);
if (options.Results is { } path)
{
    await File.AppendAllTextAsync(path, Environment.NewLine + section);
    log.WriteLine($"appended to {path}");
}
