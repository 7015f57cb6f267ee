namespace Skiff.Bench.Storage;

/// <summary>Counts and time caps of every phase; the defaults finish in a few minutes on two cores.</summary>
internal sealed record BenchSettings
{
    public int ValueBytes { get; init; } = 1024;

    /// <summary>Every target runs this many times, interleaved; the table shows medians.</summary>
    public int Rounds { get; init; } = 3;

    public int Concurrency { get; init; } = 64;

    /// <summary>Keys created at <see cref="Concurrency"/>; the list phase then lists all of them.</summary>
    public int ConcurrentWrites { get; init; } = 10_000;

    public int SerialWrites { get; init; } = 1_000;

    public int Gets { get; init; } = 2_000;

    public int ListRuns { get; init; } = 5;

    public int Watchers { get; init; } = 100;

    public int WatchWrites { get; init; } = 200;

    public TimeSpan WatchWriteGap { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>No write phase runs longer than this; throughput is computed over what was done.</summary>
    public TimeSpan PhaseCap { get; init; } = TimeSpan.FromSeconds(30);

    public static BenchSettings Quick => new()
    {
        Rounds = 1,
        ConcurrentWrites = 2_000,
        SerialWrites = 200,
        Gets = 500,
        ListRuns = 2,
        Watchers = 20,
        WatchWrites = 50,
        PhaseCap = TimeSpan.FromSeconds(10),
    };
}
