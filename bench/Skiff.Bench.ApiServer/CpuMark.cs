using System.Diagnostics;

namespace Skiff.Bench.ApiServer;

/// <summary>CPU used by the server and by this process, to divide a phase's CPU by its operations.</summary>
internal sealed record CpuMark(TimeSpan Server, TimeSpan Client)
{
    public static CpuMark Take(SkiffServer server) => new(server.Cpu(), Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>CPU used since this mark.</summary>
    public CpuMark Since(SkiffServer server)
    {
        var now = Take(server);
        return new CpuMark(now.Server - Server, now.Client - Client);
    }

    /// <summary>Milliseconds of CPU per operation, server and client.</summary>
    public (double Server, double Client) Per(int ops) => (Server.TotalMilliseconds / ops, Client.TotalMilliseconds / ops);
}
