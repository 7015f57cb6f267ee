namespace Skiff.Kubelet.Runtime;

/// <summary>Where skiff's containerd keeps everything, all under <c>&lt;data-dir&gt;/agent</c>.</summary>
public sealed record ContainerdLayout(string DataDir)
{
    public string AgentDir => Path.Combine(DataDir, "agent");

    public string ContainerdDir => Path.Combine(AgentDir, "containerd");

    public string Root => Path.Combine(ContainerdDir, "root");

    public string State => Path.Combine(ContainerdDir, "state");

    public string Socket => Path.Combine(ContainerdDir, "containerd.sock");

    public string ConfigFile => Path.Combine(ContainerdDir, "config.toml");

    public string LogFile => Path.Combine(ContainerdDir, "containerd.log");

    public string PidFile => Path.Combine(ContainerdDir, "containerd.pid");

    /// <summary>containerd's <c>config_path</c>: one directory per registry with its hosts.toml.</summary>
    public string HostsDir => Path.Combine(ContainerdDir, "certs.d");

    public string CniConfDir => Path.Combine(AgentDir, "etc", "cni", "net.d");

    public string CniIpamDir => Path.Combine(AgentDir, "cni", "networks");

    /// <summary>OCI or docker archives dropped here are imported at every start (air-gapped installs).</summary>
    public string ImagesDir => Path.Combine(AgentDir, "images");

    /// <summary>The pause image archive skiff builds from catatonit.</summary>
    public string PauseArchive => Path.Combine(ContainerdDir, "pause.tar");

    public string RegistriesFile => Path.Combine(DataDir, "registries.yaml");

    /// <summary>The directory kubelet puts CRI container logs in, one sub-directory per pod (as /var/log/pods).</summary>
    public string PodLogsDir => Path.Combine(AgentDir, "pod-logs");
}
