using System.Diagnostics;
using System.Globalization;
using Skiff.Bench.ApiServer;
using Skiff.Bench.Kubelet;

// Usage: dotnet run -c Release --project bench/Skiff.Bench.Kubelet [-- --pods 30] [--resting-pods 50]
//        [--results bench/RESULTS.md] [--skiff path/to/skiff.dll] [--images /var/tmp/skiff-test-images]
var pods = int.Parse(Arg("--pods") ?? "30", CultureInfo.InvariantCulture);
var restingPods = int.Parse(Arg("--resting-pods") ?? "50", CultureInfo.InvariantCulture);
var resultsPath = Arg("--results");
var skiffDll = Path.GetFullPath(Arg("--skiff") ?? SkiffBinary.Find());
var imagesDir = Arg("--images") ?? (Environment.GetEnvironmentVariable("SKIFF_TEST_IMAGES") is { Length: > 0 } dir ? dir : "/var/tmp/skiff-test-images");
var archive = Path.Combine(imagesDir, "archives", "shell.tar");
const string Image = "localhost:5000/skiff-test/shell:1";
var log = Console.Error;
if (!File.Exists(archive))
{
    log.WriteLine($"{archive} is missing: run scripts/build-test-images.sh build first");
    return 2;
}

if (Directory.Exists("/sys/class/net/cni0"))
{
    // skiff server's kubelet always names its bridge cni0; another skiff server with a kubelet is running here.
    log.WriteLine("a cni0 bridge exists already (another skiff kubelet is running); not starting a second one beside it");
    return 2;
}

var clock = Stopwatch.StartNew();
var loadBefore = Load();
log.WriteLine($"skiff: {skiffDll}; {pods} pods a phase, {restingPods} at rest; load {loadBefore}");
StartupResult result;
await using (var server = await AgentServer.StartAsync(skiffDll, archive))
{
    var bench = new StartupBench(server, Image, pods, restingPods, log);
    try
    {
        result = await bench.RunAsync(archive);
    }
    catch (Exception e) when (e is TimeoutException or HttpRequestException or InvalidOperationException)
    {
        log.WriteLine($"{e.Message}\nserver log tail:\n{string.Join('\n', server.Log.Split('\n').TakeLast(60))}");
        throw;
    }
    finally
    {
        log.WriteLine("cleaning up");
        await bench.CleanUpAsync();
    }
}

DeleteBridge();
var section = KubeletReport.Render(result, pods, Machine(), loadBefore, Load(), clock.Elapsed);
Console.WriteLine(section);
if (resultsPath is not null)
{
    await File.AppendAllTextAsync(resultsPath, Environment.NewLine + section);
    log.WriteLine($"appended to {resultsPath}");
}

return 0;

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string Load() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static string Machine()
{
    var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
    return string.Create(CultureInfo.InvariantCulture, $"nproc {Environment.ProcessorCount}, memory {long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB, kernel {kernel}, .NET {Environment.Version}");
}

// The bridge the kubelet's CNI made did not exist before this run (checked above), so it and the kubelet's
// masquerade chain named after it are ours to remove.
static void DeleteBridge()
{
    if (Directory.Exists("/sys/class/net/cni0"))
    {
        using var ip = Process.Start("ip", ["link", "delete", "cni0"]);
        ip.WaitForExit();
    }

    string[][] masquerade =
    [
        ["-w", "-t", "nat", "-D", "POSTROUTING", "-m", "comment", "--comment", "skiff: masquerade pods on cni0", "-j", "SKIFF-MASQ-cni0"],
        ["-w", "-t", "nat", "-F", "SKIFF-MASQ-cni0"],
        ["-w", "-t", "nat", "-X", "SKIFF-MASQ-cni0"],
    ];
    foreach (var args in masquerade)
    {
        using var iptables = Process.Start(new ProcessStartInfo("iptables", args) { RedirectStandardError = true })!;
        iptables.WaitForExit();
    }
}
