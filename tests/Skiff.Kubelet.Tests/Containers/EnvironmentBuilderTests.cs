using System.Text;
using k8s.Models;
using Skiff.Kubelet.Containers;

namespace Skiff.Kubelet.Tests.Containers;

public sealed class EnvironmentBuilderTests
{
    private sealed class Sources : IEnvSources
    {
        public Dictionary<string, V1ConfigMap> ConfigMaps { get; } = [];

        public Dictionary<string, V1Secret> Secrets { get; } = [];

        public Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct) => Task.FromResult(ConfigMaps.GetValueOrDefault($"{ns}/{name}"));

        public Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct) => Task.FromResult(Secrets.GetValueOrDefault($"{ns}/{name}"));
    }

    private readonly Sources _sources = new();

    private static V1Pod Pod(params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "u-1", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = containers, NodeName = "n1", ServiceAccountName = "default" },
    };

    private static V1Service Service(string ns, string name, string ip, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = ip, Ports = ports },
    };

    private async Task<Dictionary<string, string>> BuildAsync(V1Container container, IReadOnlyList<V1Service>? services = null)
    {
        var pod = Pod(container);
        var env = await new EnvironmentBuilder(_sources).BuildAsync(container, new EnvContext(
            pod, "10.42.0.7", "192.0.2.1", services ?? [], new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("8Gi") }), CancellationToken.None);
        return env.ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    [Fact]
    public async Task Values_FromConfigMapSecretAndFields()
    {
        _sources.ConfigMaps["shop/cfg"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["color"] = "blue" } };
        _sources.Secrets["shop/pw"] = new V1Secret { Data = new Dictionary<string, byte[]> { ["pass"] = Encoding.UTF8.GetBytes("s3cret") } };
        var env = await BuildAsync(new V1Container
        {
            Name = "c",
            Env =
            [
                new V1EnvVar { Name = "COLOR", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "cfg", Key = "color" } } },
                new V1EnvVar { Name = "PASS", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "pw", Key = "pass" } } },
                new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                new V1EnvVar { Name = "IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
                new V1EnvVar { Name = "APP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels['app']" } } },
                new V1EnvVar { Name = "GREETING", Value = "hi $(POD) in $(COLOR), $(NOPE)" },
            ],
        });
        Assert.Equal("blue", env["COLOR"]);
        Assert.Equal("s3cret", env["PASS"]);
        Assert.Equal("web", env["POD"]);
        Assert.Equal("10.42.0.7", env["IP"]);
        Assert.Equal("web", env["APP"]);
        Assert.Equal("hi web in blue, $(NOPE)", env["GREETING"]);
    }

    [Fact]
    public async Task EnvFrom_WithPrefix_ThenEnvOverrides()
    {
        _sources.ConfigMaps["shop/cfg"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" } };
        var env = await BuildAsync(new V1Container
        {
            Name = "c",
            EnvFrom = [new V1EnvFromSource { Prefix = "X_", ConfigMapRef = new V1ConfigMapEnvSource { Name = "cfg" } }],
            Env = [new V1EnvVar { Name = "X_B", Value = "override" }],
        });
        Assert.Equal("1", env["X_A"]);
        Assert.Equal("override", env["X_B"]);
    }

    [Fact]
    public async Task MissingKey_IsConfigErrorWithUpstreamMessage()
    {
        _sources.ConfigMaps["shop/cfg"] = new V1ConfigMap { Data = new Dictionary<string, string>() };
        var error = await Assert.ThrowsAsync<ContainerConfigException>(() => BuildAsync(new V1Container
        {
            Name = "c",
            Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "cfg", Key = "k" } } }],
        }));
        Assert.Equal("couldn't find key k in ConfigMap shop/cfg", error.Message);
    }

    [Fact]
    public async Task MissingOptionalSecret_IsSkipped()
    {
        var env = await BuildAsync(new V1Container
        {
            Name = "c",
            Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "none", Key = "k", Optional = true } } }],
        });
        Assert.False(env.ContainsKey("X"));
    }

    [Fact]
    public async Task MissingConfigMap_IsConfigError() =>
        Assert.Equal("configmap \"gone\" not found", (await Assert.ThrowsAsync<ContainerConfigException>(() => BuildAsync(new V1Container
        {
            Name = "c",
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "gone" } }],
        }))).Message);

    [Fact]
    public async Task ResourceFieldRef_UsesDivisorAndNodeAllocatableForUnsetLimits()
    {
        var env = await BuildAsync(new V1Container
        {
            Name = "c",
            Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") } },
            Env =
            [
                new V1EnvVar { Name = "MEM", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.memory", Divisor = new ResourceQuantity("1Mi") } } },
                new V1EnvVar { Name = "CPU", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.cpu" } } },
            ],
        });
        Assert.Equal("64", env["MEM"]);
        Assert.Equal("4", env["CPU"]);
    }

    [Fact]
    public async Task ServiceVariables_ForNamespaceServicesAndKubernetes()
    {
        var services = new[]
        {
            Service("shop", "redis-main", "10.43.0.20", new V1ServicePort { Name = "tcp-redis", Port = 6379, Protocol = "TCP" }),
            Service("other", "hidden", "10.43.0.30", new V1ServicePort { Port = 80 }),
            Service("shop", "headless", "None", new V1ServicePort { Port = 80 }),
            Service("default", "kubernetes", "10.43.0.1", new V1ServicePort { Name = "https", Port = 443, Protocol = "TCP" }),
        };
        var env = await BuildAsync(new V1Container { Name = "c", Env = [new V1EnvVar { Name = "URL", Value = "redis://$(REDIS_MAIN_SERVICE_HOST)" }] }, services);
        Assert.Equal("10.43.0.20", env["REDIS_MAIN_SERVICE_HOST"]);
        Assert.Equal("6379", env["REDIS_MAIN_SERVICE_PORT"]);
        Assert.Equal("6379", env["REDIS_MAIN_SERVICE_PORT_TCP_REDIS"]);
        Assert.Equal("tcp://10.43.0.20:6379", env["REDIS_MAIN_PORT"]);
        Assert.Equal("tcp://10.43.0.20:6379", env["REDIS_MAIN_PORT_6379_TCP"]);
        Assert.Equal("tcp", env["REDIS_MAIN_PORT_6379_TCP_PROTO"]);
        Assert.Equal("10.43.0.20", env["REDIS_MAIN_PORT_6379_TCP_ADDR"]);
        Assert.Equal("10.43.0.1", env["KUBERNETES_SERVICE_HOST"]);
        Assert.Equal("443", env["KUBERNETES_SERVICE_PORT_HTTPS"]);
        Assert.Equal("redis://10.43.0.20", env["URL"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("HIDDEN", StringComparison.Ordinal) || k.StartsWith("HEADLESS", StringComparison.Ordinal));
    }
}
