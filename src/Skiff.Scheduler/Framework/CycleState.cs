using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// Per-pod, per-cycle scratch space: a PreFilter computes once, its Filter reads on every node. Keys are plugin names
/// or "PreFilterNodeResourcesFit"-style names.
/// </summary>
/// <remarks>
/// A cycle writes a handful of keys (in PreFilter and PreScore) and reads them once per node and plugin, so the
/// entries are a small array replaced on every write: reads scan it without a lock or hashing (the keys are
/// constants, so the scan mostly compares references), and readers on other threads always see a whole array.
/// </remarks>
public sealed class CycleState
{
    private readonly Lock _writeLock = new();
    private Entry[] _entries = [];

    /// <summary>The pod of this cycle with its requests computed once, when the scheduler knows it.</summary>
    public PodInfo? PodInfo { get; init; }

    /// <summary>The Filter plugins to run on each node: the profile's, minus those whose PreFilter answered Skip.</summary>
    internal IFilterPlugin[]? ActiveFilters { get; set; }

    /// <summary>PreFilter plugins that answered Skip; their AddPod/RemovePod are skipped as well.</summary>
    internal IReadOnlySet<string>? SkippedPreFilters { get; set; }

    /// <summary>PreFilter plugins whose node sets narrowed the search, sorted.</summary>
    internal IReadOnlyList<string>? PreFilterNarrowedBy { get; set; }

    /// <summary>The Score plugins to run: the profile's, minus those whose PreScore answered Skip.</summary>
    internal WeightedScorePlugin[]? ActiveScores { get; set; }

    public void Write(string key, object value)
    {
        lock (_writeLock)
        {
            var entries = _entries;
            for (var i = 0; i < entries.Length; i++)
            {
                if (entries[i].Key == key)
                {
                    var replaced = (Entry[])entries.Clone();
                    replaced[i] = new Entry(key, value);
                    Volatile.Write(ref _entries, replaced);
                    return;
                }
            }

            var grown = new Entry[entries.Length + 1];
            entries.CopyTo(grown, 0);
            grown[^1] = new Entry(key, value);
            Volatile.Write(ref _entries, grown);
        }
    }

    public T? Read<T>(string key)
        where T : class
    {
        var entries = Volatile.Read(ref _entries);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Key == key)
            {
                return entries[i].Value as T;
            }
        }

        return null;
    }

    /// <summary>The pod's requests, from <see cref="PodInfo"/> when it describes this pod, else computed.</summary>
    public Resource PodRequests(V1Pod pod) =>
        PodInfo is { } info && ReferenceEquals(info.Pod, pod) ? info.Requests : PodResources.Requests(pod);

    /// <summary>Like <see cref="PodRequests"/>, with upstream's defaults for missing cpu/memory requests.</summary>
    public Resource PodNonZeroRequests(V1Pod pod) =>
        PodInfo is { } info && ReferenceEquals(info.Pod, pod) ? info.NonZeroRequests : PodResources.NonZeroRequests(pod);

    /// <summary>The pod's inter-pod affinity terms, parsed once per pod by <see cref="PodInfo"/> when it describes this pod.</summary>
    public PodAffinityTerms PodAffinity(V1Pod pod) =>
        PodInfo is { } info && ReferenceEquals(info.Pod, pod) ? info.Affinity : PodAffinityTerms.Parse(pod);

    /// <summary>A shallow copy, for preemption's what-if filtering.</summary>
    public CycleState Clone()
    {
        var entries = Volatile.Read(ref _entries);
        var copied = new Entry[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var value = entries[i].Value;
            copied[i] = new Entry(entries[i].Key, value is ICloneable cloneable ? cloneable.Clone() : value);
        }

        return new CycleState
        {
            PodInfo = PodInfo,
            _entries = copied,
            ActiveFilters = ActiveFilters,
            SkippedPreFilters = SkippedPreFilters,
            PreFilterNarrowedBy = PreFilterNarrowedBy,
            ActiveScores = ActiveScores,
        };
    }

    private readonly record struct Entry(string Key, object Value);
}
