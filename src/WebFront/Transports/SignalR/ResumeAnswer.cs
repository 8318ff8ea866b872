namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>What the hub method <c>Resume</c> returns: <c>{recovered, missed}</c>, as the raw WebSocket <c>resumed</c> event says.</summary>
public sealed record ResumeAnswer(bool Recovered, int Missed);
