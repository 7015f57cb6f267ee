namespace Skiff.Bench.ApiServer;

internal sealed record RawResult(string Name)
{
    public SortedDictionary<int, double> CreatesPerSecond { get; } = [];

    public List<double> Gets { get; } = [];
}
