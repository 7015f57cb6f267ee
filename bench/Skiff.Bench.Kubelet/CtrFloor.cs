using System.Diagnostics;

namespace Skiff.Bench.Kubelet;

/// <summary>
/// The floor: the same image started bare with containerd's own `ctr run -d` on skiff's containerd, in a namespace of
/// its own so the CRI plugin never sees these containers. No sandbox, no CNI, no API: one container, one task.
/// </summary>
internal sealed class CtrFloor(string socket, string image)
{
    private const string Namespace = "skiff-bench-floor";
    private int _next;

    public Task ImportAsync(string archive) => CtrAsync("images", "import", archive);

    /// <summary>Runs one container detached and returns how long `ctr run -d` took (it returns once the task started).</summary>
    public async Task<(string Id, TimeSpan Elapsed)> RunAsync()
    {
        var id = $"floor-{Interlocked.Increment(ref _next)}";
        var clock = Stopwatch.StartNew();
        await CtrAsync("run", "-d", image, id);
        return (id, clock.Elapsed);
    }

    public async Task RemoveAsync(string id)
    {
        await CtrAsync("task", "delete", "--force", id);
        await CtrAsync("container", "delete", id);
    }

    /// <summary>Removes the image so the namespace's snapshots are collected with it.</summary>
    public Task RemoveImageAsync() => CtrAsync("images", "remove", "--sync", image);

    private async Task CtrAsync(params string[] args)
    {
        var info = new ProcessStartInfo("ctr") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--address", socket, "--namespace", Namespace }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ctr {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }
    }
}
