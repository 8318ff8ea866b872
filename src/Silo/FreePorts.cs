using System.Net;
using System.Net.Sockets;
using ActorChat.Hosting.Configuration;

namespace ActorChat.Silo;

/// <summary>
/// Checks that the silo's ports are free before Orleans tries them: Orleans would fail with a stack
/// trace and a bare "address already in use" that names no port.
/// </summary>
internal static class FreePorts
{
    public static void Require(params (string Key, int Port)[] ports)
    {
        foreach (var (key, port) in ports)
        {
            var listener = new TcpListener(IPAddress.Any, port);
            try
            {
                listener.Start();
            }
            catch (SocketException)
            {
                throw new InvalidConfigurationException($"{key} is {port}, but another process is using that port; choose a free one.");
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
