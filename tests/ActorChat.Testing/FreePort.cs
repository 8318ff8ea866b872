using System.Net;
using System.Net.Sockets;

namespace ActorChat.Testing;

/// <summary>Free TCP ports on loopback, for servers that cannot bind port 0 themselves (Orleans silos).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
