using System.Net;
using System.Net.Sockets;

namespace Skiff.E2E;

/// <summary>Loopback ports for the processes a test starts, picked by the OS so parallel runs do not collide.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
