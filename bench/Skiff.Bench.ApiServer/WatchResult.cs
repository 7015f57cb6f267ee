namespace Skiff.Bench.ApiServer;

/// <summary>Deliveries seen by the watchers; a delivery that can happen before the update's response is read counts as negative.</summary>
internal sealed record WatchResult(int Watchers, int Updates, int Expected, List<double> LatenciesMs)
{
    public int Delivered => LatenciesMs.Count;
}
