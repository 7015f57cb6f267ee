namespace Skiff.Bench.ApiServer;

/// <summary>Counts and caps of every phase; <see cref="Quick"/> is a smoke run.</summary>
internal sealed record BenchSettings
{
    public static readonly BenchSettings Quick = new()
    {
        ColdStarts = 1, IdleWait = TimeSpan.FromSeconds(1), SerialOps = 50, Pods = 50, Lists = 3,
        ThroughputCreates = 200, Watchers = 20, WatchUpdates = 5, RawCreates = 200,
    };

    public int ColdStarts { get; init; } = 5;

    /// <summary>How long the server idles after /readyz before its RSS is read.</summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Serial creates, gets and updates each.</summary>
    public int SerialOps { get; init; } = 1000;

    public int Pods { get; init; } = 1000;

    /// <summary>Lists of all pods, each for no resourceVersion and resourceVersion=0.</summary>
    public int Lists { get; init; } = 20;

    /// <summary>Creates per concurrency level (1, 16, 64).</summary>
    public int ThroughputCreates { get; init; } = 5000;

    public int Watchers { get; init; } = 1000;

    public int WatchUpdates { get; init; } = 50;

    public TimeSpan WatchSpacing { get; init; } = TimeSpan.FromMilliseconds(50);

    public int RawCreates { get; init; } = 5000;

    /// <summary>No phase runs longer than this.</summary>
    public TimeSpan PhaseCap { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 16, 64];
}
