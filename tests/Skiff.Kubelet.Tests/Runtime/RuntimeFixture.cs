using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Kubelet.Cni;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

/// <summary>
/// A real containerd under a temp data dir plus the loopback registry with the test images. Everything it
/// creates (processes, pods, mounts, the bridge and its masquerade chain) is its own and removed again; names and addresses are
/// random so parallel runs on one machine do not meet.
/// </summary>
public sealed class RuntimeFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("skiff-kubelet-rt-").FullName;

    public string DataDir => Path.Combine(_root, "data");

    public string RegistryDir => Path.Combine(_root, "registry");

    public string Registry { get; private set; } = "";

    /// <summary>
    /// A second loopback registry that demands <see cref="RegistryUser"/>/<see cref="RegistryPassword"/>.
    /// registries.yaml gives containerd the credentials for it as 127.0.0.1:port only, so as localhost:port
    /// a pull needs them from the caller (an imagePullSecret).
    /// </summary>
    public int AuthRegistryPort { get; private set; }

    public string RegistryUser => "skiff";

    public string RegistryPassword => "pull-s3cret";

    private string AuthRegistryDir => Path.Combine(_root, "auth-registry");

    /// <summary>A registry name that resolves nowhere; registries.yaml mirrors it to the loopback registry.</summary>
    public string MirroredRegistry => "registry.skiff.test";

    /// <summary>The image imported at start from agent/images, named as the archives name it.</summary>
    public string AirGappedImage => "localhost:5000/skiff-test/httpd:1";

    private static string TestImagesDir => Environment.GetEnvironmentVariable("SKIFF_TEST_IMAGES") is { Length: > 0 } dir ? dir : "/var/tmp/skiff-test-images";

    public string BridgeName { get; } = "skt" + Guid.NewGuid().ToString("N")[..8];

    public IPNetwork PodCidr { get; } = IPNetwork.Parse($"10.{200 + Random.Shared.Next(50)}.{Random.Shared.Next(256)}.0/24");

    public ContainerRuntime Runtime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        await RunScriptAsync(null, "start-registry", RegistryDir, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Registry = $"localhost:{port}";
        var authPort = FreePort();
        await RunScriptAsync($"{RegistryUser}:{RegistryPassword}", "start-registry", AuthRegistryDir, authPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AuthRegistryPort = authPort;
        Directory.CreateDirectory(Path.Combine(DataDir, "agent", "images"));
        File.Copy(Path.Combine(TestImagesDir, "archives", "httpd.tar"), Path.Combine(DataDir, "agent", "images", "httpd.tar"));
        File.WriteAllText(Path.Combine(DataDir, "registries.yaml"), $"""
            mirrors:
              {MirroredRegistry}:
                endpoint:
                  - "http://127.0.0.1:{port}"
            configs:
              "127.0.0.1:{authPort}":
                auth:
                  username: {RegistryUser}
                  password: {RegistryPassword}
            """);
        Runtime = await StartRuntimeAsync();
    }

    /// <summary>What a restart of skiff does to the runtime: stop our containerd, then start it again on the same data dir.</summary>
    public async Task RestartRuntimeAsync()
    {
        await Runtime.DisposeAsync();
        Runtime = await StartRuntimeAsync();
    }

    private Task<ContainerRuntime> StartRuntimeAsync() => ContainerRuntime.StartAsync(new ContainerRuntimeOptions
    {
        DataDir = DataDir,
        PodCidr = PodCidr,
        BridgeName = BridgeName,
    }, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);

    public async Task DisposeAsync()
    {
        try
        {
            await StopRuntimeAndPodsAsync();
        }
        finally
        {
            await RunScriptAsync(null, "stop-registry", RegistryDir);
            await RunScriptAsync(null, "stop-registry", AuthRegistryDir);
            await RunAsync("ip", "link", "delete", BridgeName);
            PodMasquerade.Remove(BridgeName, args => IptablesCommand.Run("iptables", args));
            UnmountUnder(_root);
            // containerd's log goes with the data dir; SKIFF_DEBUG_LOG=<file> keeps a copy for diagnosing failures.
            var log = Path.Combine(DataDir, "agent", "containerd", "containerd.log");
            if (Environment.GetEnvironmentVariable("SKIFF_DEBUG_LOG") is { Length: > 0 } copy && File.Exists(log))
            {
                File.Copy(log, copy, overwrite: true);
            }

            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task StopRuntimeAndPodsAsync()
    {
        if (Runtime is not null && !await TryRemoveAllPodsAsync(Runtime))
        {
            // The runtime a test left behind is broken (a failed restart): a fresh one on the same
            // data dir finds the same pods through their shims and removes them.
            try
            {
                Runtime = await StartRuntimeAsync();
                await TryRemoveAllPodsAsync(Runtime);
            }
            catch (Exception e) when (e is ContainerRuntimeException or RpcException)
            {
                Runtime = null!;
            }
        }

        if (Runtime is not null)
        {
            await Runtime.DisposeAsync();
        }
    }

    /// <summary>Stopping a sandbox tears down its network (CNI DEL); removing it ends its shim.</summary>
    private static async Task<bool> TryRemoveAllPodsAsync(ContainerRuntime runtime)
    {
        try
        {
            var pods = await runtime.Cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest());
            foreach (var pod in pods.Items)
            {
                await runtime.Cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = pod.Id });
                await runtime.Cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = pod.Id });
            }

            return true;
        }
        catch (Exception e) when (e is RpcException or ObjectDisposedException)
        {
            return false;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunScriptAsync(string? registryAuth, params string[] args) =>
        RunAsync(Path.Combine(RepositoryRoot(), "scripts", "build-test-images.sh"), args, check: true, registryAuth);

    private static Task RunAsync(string file, params string[] args) => RunAsync(file, args, check: false);

    private static async Task RunAsync(string file, string[] args, bool check, string? registryAuth = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (registryAuth is not null)
        {
            start.Environment["SKIFF_REGISTRY_AUTH"] = registryAuth;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await stderr}");
        }
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
