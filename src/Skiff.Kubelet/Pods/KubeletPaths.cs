namespace Skiff.Kubelet.Pods;

/// <summary>Where the kubelet keeps per-pod files under the data dir (<c>agent/pods/&lt;uid&gt;</c>) and pod logs.</summary>
public sealed record KubeletPaths(string DataDir)
{
    public string PodsDir => Path.Combine(DataDir, "agent", "pods");

    public string PodLogsDir => Path.Combine(DataDir, "agent", "pod-logs");

    public string StaticPodsDir => Path.Combine(DataDir, "agent", "pod-manifests");

    public string PodDir(string uid) => Path.Combine(PodsDir, uid);

    public string HostsFile(string uid) => Path.Combine(PodDir(uid), "etc-hosts");

    public string TerminationLog(string uid, string container, int restartCount) =>
        Path.Combine(PodDir(uid), "containers", container, $"{restartCount}-termination-log");

    public string PodLogDir(string ns, string name, string uid) => Path.Combine(PodLogsDir, $"{ns}_{name}_{uid}");
}
