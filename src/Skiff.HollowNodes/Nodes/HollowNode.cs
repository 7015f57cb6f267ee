namespace Skiff.HollowNodes.Nodes;

/// <summary>One simulated kubelet's state: its node's uid, its lease's version, and which pod IPs it handed out.</summary>
internal sealed class HollowNode
{
    // One bit per host offset of the node's /24.
    private readonly ulong[] _ips = new ulong[4];

    public HollowNode(int index, string name)
    {
        Index = index;
        Name = name;
    }

    public int Index { get; }

    public string Name { get; }

    public string? Uid { get; set; }

    public string? LeaseResourceVersion { get; set; }

    public DateTimeOffset ReadySince { get; set; }

    /// <summary>The lowest free host offset, taken; null when the /24 is full.</summary>
    public int? AllocateIp()
    {
        lock (_ips)
        {
            for (var offset = NodeAddressing.FirstPodOffset; offset <= NodeAddressing.LastPodOffset; offset++)
            {
                if (!IsTaken(offset))
                {
                    _ips[offset / 64] |= 1UL << (offset % 64);
                    return offset;
                }
            }

            return null;
        }
    }

    /// <summary>Marks an offset a pod already holds (seen on a pod after a restart) as taken.</summary>
    public void ReserveIp(int offset)
    {
        lock (_ips)
        {
            _ips[offset / 64] |= 1UL << (offset % 64);
        }
    }

    public void ReleaseIp(int offset)
    {
        lock (_ips)
        {
            _ips[offset / 64] &= ~(1UL << (offset % 64));
        }
    }

    private bool IsTaken(int offset) => (_ips[offset / 64] & (1UL << (offset % 64))) != 0;
}
