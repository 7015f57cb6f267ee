using System.Globalization;

namespace Skiff.Bench.Scheduler;

/// <summary>Command line: sizes, shapes and limits; every default is the full-size run the issue asks for.</summary>
internal sealed record BenchOptions
{
    public int Nodes { get; init; } = 5000;

    public int Pods { get; init; } = 10000;

    /// <summary>
    /// Pods created and bound before the measured ones, unmeasured, as upstream's SchedulingBasic (1,000 at 5,000 nodes):
    /// they also take the first-use JIT of the pod path out of the measured window.
    /// </summary>
    public int InitPods { get; init; } = 1000;

    public int Zones { get; init; } = 10;

    /// <summary>Pods per anti-affinity group; a group never holds more pods than there are nodes, so it stays feasible.</summary>
    public int GroupSize { get; init; } = 100;

    /// <summary>Pod creates in flight.</summary>
    public int Parallelism { get; init; } = 32;

    public IReadOnlyList<string> Shapes { get; init; } = PodShapes.All;

    /// <summary>Seconds of idle cluster measured before the pods, for the idle CPU rate.</summary>
    public int IdleSeconds { get; init; } = 10;

    public TimeSpan BindTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public string? Results { get; init; }

    public string? Skiff { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions
        {
            Nodes = Int(args, "--nodes") ?? 5000,
            Pods = Int(args, "--pods") ?? 10000,
            InitPods = Int(args, "--init-pods") ?? 1000,
            Zones = Int(args, "--zones") ?? 10,
            GroupSize = Int(args, "--group-size") ?? 100,
            Parallelism = Int(args, "--parallelism") ?? 32,
            IdleSeconds = Int(args, "--idle-seconds") ?? 10,
            BindTimeout = TimeSpan.FromSeconds(Int(args, "--timeout-seconds") ?? 300),
            Shapes = Arg(args, "--shapes") is { } shapes ? shapes.Split(',', StringSplitOptions.RemoveEmptyEntries) : PodShapes.All,
            Results = Arg(args, "--results"),
            Skiff = Arg(args, "--skiff"),
        };
        foreach (var shape in options.Shapes)
        {
            if (!PodShapes.All.Contains(shape))
            {
                throw new ArgumentException($"unknown shape {shape}; known: {string.Join(", ", PodShapes.All)}");
            }
        }

        return options;
    }

    private static int? Int(string[] args, string name) => Arg(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static string? Arg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
