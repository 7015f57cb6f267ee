using Skiff.Kubelet.Runtime;
using Skiff.Kubelet.Runtime.Registries;

namespace Skiff.Kubelet.Tests.Runtime;

public sealed class ContainerdConfigRendererTests
{
    private static readonly ContainerdLayout _layout = new("/var/lib/skiff");
    private static readonly ContainerRuntimeOptions _options = new() { DataDir = "/var/lib/skiff" };

    private static string Render(RegistriesConfig? registries = null) =>
        ContainerdConfigRenderer.Render(_layout, _options, registries ?? RegistriesConfig.Empty);

    [Fact]
    public void Render_KeepsRootStateAndSocketUnderTheDataDir()
    {
        var toml = Render();

        Assert.Contains("version = 2\n", toml, StringComparison.Ordinal);
        Assert.Contains("root = \"/var/lib/skiff/agent/containerd/root\"", toml, StringComparison.Ordinal);
        Assert.Contains("state = \"/var/lib/skiff/agent/containerd/state\"", toml, StringComparison.Ordinal);
        Assert.Contains("[grpc]\n  address = \"/var/lib/skiff/agent/containerd/containerd.sock\"", toml, StringComparison.Ordinal);
        Assert.Contains("netns_mounts_under_state_dir = true", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UsesRuncV2WithCgroupfsAndOurSandboxImage()
    {
        var toml = Render();

        Assert.Contains("sandbox_image = \"skiff.local/pause:3.10\"", toml, StringComparison.Ordinal);
        Assert.Contains("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc]\n    runtime_type = \"io.containerd.runc.v2\"", toml, StringComparison.Ordinal);
        Assert.Contains("BinaryName = \"/usr/sbin/runc\"", toml, StringComparison.Ordinal);
        Assert.Contains("SystemdCgroup = false", toml, StringComparison.Ordinal);
        Assert.Contains("Root = \"/var/lib/skiff/agent/containerd/state/runc\"", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PointsCniAtDebianPluginsAndOurConfDir()
    {
        var toml = Render();

        Assert.Contains("bin_dir = \"/usr/lib/cni\"", toml, StringComparison.Ordinal);
        Assert.Contains("conf_dir = \"/var/lib/skiff/agent/etc/cni/net.d\"", toml, StringComparison.Ordinal);
        Assert.Contains("config_path = \"/var/lib/skiff/agent/containerd/certs.d\"", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RegistryCredentials_GoIntoTheCriRegistryConfigs()
    {
        var registries = new RegistriesConfig
        {
            Configs = new Dictionary<string, RegistryHostConfig>
            {
                ["registry.example.com:5000"] = new() { Auth = new RegistryAuth { Username = "u", Password = "p\"w" } },
                ["tls-only.example.com"] = new() { Tls = new RegistryTls { InsecureSkipVerify = true } },
            },
        };

        var toml = Render(registries);

        Assert.Contains(
            "[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"registry.example.com:5000\".auth]\n      username = \"u\"\n      password = \"p\\\"w\"",
            toml, StringComparison.Ordinal);
        Assert.DoesNotContain("tls-only.example.com", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutCapSysResource_RestrictsOomScoreAdj()
    {
        var restricted = ContainerdConfigRenderer.Render(_layout, _options, RegistriesConfig.Empty, canLowerOomScoreAdj: false);

        Assert.Contains("restrict_oom_score_adj = true", restricted, StringComparison.Ordinal);
        Assert.DoesNotContain("restrict_oom_score_adj", Render(), StringComparison.Ordinal);
    }
}
