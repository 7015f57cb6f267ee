using System.Runtime.InteropServices;

namespace Skiff;

/// <summary>
/// Start-up leaves garbage behind (JIT scratch, certificate generation, seeding, the informers' first lists) that the
/// GC and glibc keep committed for reuse. A server then sits idle for long stretches, so once things have settled the
/// process hands that memory back to the OS: one compacting collection that decommits free space, and a malloc trim.
/// </summary>
internal static partial class StartupMemoryTrim
{
    public static async Task RunAsync(TimeSpan settle, TimeProvider time, CancellationToken ct)
    {
        try
        {
            await Task.Delay(settle, time, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (musl has no malloc_trim): the collection above is all there is to do.
            }
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
