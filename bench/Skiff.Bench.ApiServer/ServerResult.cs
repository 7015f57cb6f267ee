namespace Skiff.Bench.ApiServer;

internal sealed record ServerResult(string Backend)
{
    public double StartToReadyMs { get; set; }

    public double IdleRssMiB { get; set; }

    public string HttpVersion { get; set; } = "?";

    public List<double> Gets { get; } = [];

    public List<double> Creates { get; } = [];

    public List<double> Updates { get; } = [];

    public List<double> ListsNoRv { get; } = [];

    public List<double> ListsRv0 { get; } = [];

    public int PodsListed { get; set; }

    /// <summary>Concurrency → creates per second.</summary>
    public SortedDictionary<int, double> CreatesPerSecond { get; } = [];

    public WatchResult? Watch { get; set; }

    /// <summary>Phase → (server CPU ms, benchmark client CPU ms) per operation, to show which side the cores went to.</summary>
    public SortedDictionary<string, (double Server, double Client)> CpuPerOp { get; } = new(StringComparer.Ordinal);
}
