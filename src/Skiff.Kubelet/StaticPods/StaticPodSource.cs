using System.Collections.Concurrent;
using k8s.Models;

namespace Skiff.Kubelet.StaticPods;

/// <summary>The static pods the node should run now, by uid; what the pod workers look a uid up in before the API.</summary>
public sealed class StaticPodSource
{
    private readonly ConcurrentDictionary<string, StaticPodManifest> _pods = new(StringComparer.Ordinal);

    public V1Pod? Find(string uid) => _pods.TryGetValue(uid, out var manifest) ? manifest.Pod : null;

    public IReadOnlyCollection<StaticPodManifest> All => _pods.Values.ToList();

    /// <summary>
    /// Makes <paramref name="current"/> the set to run and returns the uids that appeared or went. A pod already
    /// known keeps the object it was first seen with (its seen annotation and creation time stay put).
    /// </summary>
    public IReadOnlyList<string> Replace(IReadOnlyList<StaticPodManifest> current)
    {
        var changed = new List<string>();
        var wanted = current.ToDictionary(p => p.Uid, StringComparer.Ordinal);
        foreach (var uid in _pods.Keys.Where(uid => !wanted.ContainsKey(uid)).ToList())
        {
            _pods.TryRemove(uid, out _);
            changed.Add(uid);
        }

        foreach (var (uid, manifest) in wanted)
        {
            if (_pods.TryAdd(uid, manifest))
            {
                changed.Add(uid);
            }
        }

        return changed;
    }
}
