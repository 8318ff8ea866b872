using System.Net;
using System.Net.Sockets;

namespace ActorChat.Testing;

/// <summary>Free TCP ports on loopback, for servers that cannot bind port 0 themselves (Orleans silos).</summary>
public static class FreePort
{
    // Below the kernel's ephemeral range (32768 and up): a port handed out there can become the local port of
    // any outgoing connection before the server binds it, which a busy test run makes likely. Here only another
    // test's pick can collide, and picks are random.
    private const int First = 12000, Last = 32000;

    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
