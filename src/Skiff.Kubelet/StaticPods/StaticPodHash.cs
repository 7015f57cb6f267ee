using System.Security.Cryptography;
using System.Text;

namespace Skiff.Kubelet.StaticPods;

/// <summary>
/// A static pod's identity: a hash of its manifest (as parsed, so formatting and comments do not count), the node and
/// the source. It doubles as the pod's uid, as upstream's does, so the same manifest on the same node keeps its uid
/// across restarts and the kubelet re-adopts its running containers; any change to the manifest gives a new pod.
/// </summary>
public static class StaticPodHash
{
    public static string Compute(string canonicalJson, string nodeName, string source)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{nodeName}\n{canonicalJson}"));

        // 32 hex digits: the length of upstream's md5-based hash, which tools sometimes assume.
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
