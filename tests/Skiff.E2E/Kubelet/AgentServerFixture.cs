using System.Diagnostics;
using System.Globalization;

namespace Skiff.E2E.Kubelet;

/// <summary>
/// One `skiff server` with its kubelet and its own containerd, shared by the kubelet end-to-end classes. The test
/// images come from the OCI archives of scripts/build-test-images.sh, dropped in agent/images (the air-gap path), so no
/// registry is needed. Bridge, pod range, node name and ports are random so parallel runs on one machine do not meet;
/// dispose deletes every pod, stops skiff with SIGTERM and removes the bridge, its masquerade chain, mounts and data dir.
/// </summary>
public sealed class AgentServerFixture : IAsyncLifetime
{
    public const string Namespace = "kubelet-e2e";

    private readonly string _root = Directory.CreateTempSubdirectory("skiff-e2e-agent-").FullName;
    private readonly string _bridge = "ske" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _clusterCidr = $"10.{100 + Random.Shared.Next(50)}.0.0/16";
    private readonly int _kubeletPort = FreePorts.Next();
    private SkiffServer? _server;
    private int _apiPort;

    public SkiffServer Server => _server ?? throw new InvalidOperationException("server not started");

    public string NodeName { get; } = "e2e-" + Guid.NewGuid().ToString("N")[..6];

    public string DataDir => Path.Combine(_root, "data");

    /// <summary>A folder on the host for hostPath volumes; removed with the fixture.</summary>
    public string HostDir => Path.Combine(_root, "host");

    public static string Image(string name) => $"localhost:5000/skiff-test/{name}:1";

    public Kubectl Kubectl(string version = "1.33") => new(version, Server.Kubeconfig);

    private static string TestImagesDir => Environment.GetEnvironmentVariable("SKIFF_TEST_IMAGES") is { Length: > 0 } dir ? dir : "/var/tmp/skiff-test-images";

    public async Task InitializeAsync()
    {
        var images = Path.Combine(DataDir, "agent", "images");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(HostDir);
        if (!File.Exists(Path.Combine(TestImagesDir, "archives", "shell.tar")))
        {
            await RunAsync(Path.Combine(RepositoryRoot(), "scripts", "build-test-images.sh"), "build", TestImagesDir);
        }

        foreach (var name in (string[])["shell", "httpd"])
        {
            File.Copy(Path.Combine(TestImagesDir, "archives", name + ".tar"), Path.Combine(images, name + ".tar"));
        }

        await StartServerAsync();
        await Kubectl().OkAsync($"create namespace {Namespace}");
    }

    /// <summary>kill -9 of skiff (and its containerd; the runc shims live on), then a new skiff on the same data dir and ports.</summary>
    public async Task KillAndRestartAsync()
    {
        await Server.KillAsync();
        await StartServerAsync();
    }

    private async Task StartServerAsync()
    {
        _server = await SkiffServer.StartWithAgentAsync(
            DataDir,
            _apiPort == 0 ? null : _apiPort,
            "--node-name", NodeName,
            "--kubelet-port", _kubeletPort.ToString(CultureInfo.InvariantCulture),
            "--cluster-cidr", _clusterCidr,
            "--cni-bridge", _bridge);
        _apiPort = _server.Port;
        await UntilAsync(
            async () => (await Kubectl().RunAsync($"get node {NodeName} -o jsonpath={{.status.conditions[?(@.type==\"Ready\")].status}}")).Stdout == "True",
            TimeSpan.FromSeconds(90),
            () => $"node {NodeName} Ready; skiff log:\n{_server.Log}");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_server is not null)
            {
                await DeleteAllPodsAsync();
                await _server.StopAsync(TimeSpan.FromSeconds(60));
            }
        }
        finally
        {
            await RunAsync("ip", "link", "delete", _bridge);
            await RemoveMasqueradeAsync();
            UnmountUnder(_root);
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// The kubelet's node-wide masquerade outlives skiff (as it would a node restart); the rules are named after
    /// the bridge (chain SKIFF-MASQ-bridge, jumped to from POSTROUTING), so this run's copy is ours to remove.
    /// </summary>
    private async Task RemoveMasqueradeAsync()
    {
        var chain = "SKIFF-MASQ-" + _bridge;
        await RunAsync("iptables", "-w", "-t", "nat", "-D", "POSTROUTING", "-m", "comment", "--comment", $"skiff: masquerade pods on {_bridge}", "-j", chain);
        await RunAsync("iptables", "-w", "-t", "nat", "-F", chain);
        await RunAsync("iptables", "-w", "-t", "nat", "-X", chain);
    }

    /// <summary>Removing the pods through the API lets the kubelet stop their containers and sandboxes, so no shim outlives the test.</summary>
    private async Task DeleteAllPodsAsync()
    {
        var kubectl = Kubectl();
        await kubectl.RunAsync("delete pods --all -A --grace-period=1 --wait=false");
        await UntilAsync(
            async () => (await kubectl.RunAsync("get pods -A -o name")).Stdout.Trim().Length == 0,
            TimeSpan.FromSeconds(90),
            () => "every pod removed");
    }

    /// <summary>Polls <paramref name="condition"/> every 250 ms; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what()}");
            }

            await Task.Delay(250);
        }
    }

    private static void UnmountUnder(string root)
    {
        var mounts = File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(mountPoint => mountPoint.StartsWith(root + "/", StringComparison.Ordinal))
            .OrderByDescending(mountPoint => mountPoint.Length);
        foreach (var mountPoint in mounts)
        {
            RunAsync("umount", "-l", mountPoint).GetAwaiter().GetResult();
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await stderr;
        await process.WaitForExitAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Skiff.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Skiff.sln) not found");
    }
}
