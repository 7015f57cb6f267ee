namespace Skiff.Bench.Controllers;

/// <summary>Sizes and caps of every phase; the defaults are the full size.</summary>
internal sealed record ControllerBenchSettings
{
    public int Replicas { get; init; } = 1000;

    /// <summary>Hollow nodes to register; with <see cref="PodsPerNode"/> they must hold every replica plus the surge.</summary>
    public int Nodes { get; init; } = 20;

    public int PodsPerNode { get; init; } = 110;

    /// <summary>Plain pods created for the informer memory phase.</summary>
    public int InformerPods { get; init; } = 10_000;

    /// <summary>Creates in flight while filling the informer phase's namespace.</summary>
    public int CreateParallelism { get; init; } = 32;

    /// <summary>No waiting phase runs longer than this.</summary>
    public TimeSpan PhaseCap { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public static ControllerBenchSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new ControllerBenchSettings();
        if (Int("--replicas") is { } replicas)
        {
            // Enough nodes for the replicas and a 25% surge at 110 pods a node.
            settings = settings with { Replicas = replicas, Nodes = Math.Max(1, (int)Math.Ceiling(replicas * 1.25 / settings.PodsPerNode)) };
        }

        if (Int("--nodes") is { } nodes)
        {
            settings = settings with { Nodes = nodes };
        }

        if (Int("--informer-pods") is { } pods)
        {
            settings = settings with { InformerPods = pods };
        }

        if (Int("--phase-cap-seconds") is { } cap)
        {
            settings = settings with { PhaseCap = TimeSpan.FromSeconds(cap) };
        }

        return settings;

        int? Int(string name)
        {
            var index = args.ToList().IndexOf(name);
            return index >= 0 && index + 1 < args.Count ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
        }
    }
}
