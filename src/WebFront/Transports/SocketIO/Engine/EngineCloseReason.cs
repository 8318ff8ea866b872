namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>
/// The reasons a session closes because its client broke the protocol. Every other reason (a lost transport,
/// a missed ping, a draining server) is the network's doing, and a Socket.IO client may resume after it.
/// </summary>
public static class EngineCloseReason
{
    public const string ParseError = "parse error";
    public const string PayloadTooLarge = "payload too large";
    public const string ConcurrentPoll = "concurrent poll";
    public const string ConcurrentPost = "concurrent post";

    public static bool IsProtocolViolation(string reason) => reason is ParseError or PayloadTooLarge or ConcurrentPoll or ConcurrentPost;
}
