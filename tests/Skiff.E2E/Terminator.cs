using System.Diagnostics;
using System.Globalization;

namespace Skiff.E2E;

/// <summary>Stops a child skiff process as systemd would: SIGTERM, then SIGKILL to the whole tree if it outlives the grace.</summary>
internal static class Terminator
{
    /// <summary>True when the process left on its own within <paramref name="grace"/>.</summary>
    public static async Task<bool> TerminateAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return true;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            return false;
        }
    }
}
