using System.Text.Json;

namespace ActorChat.WebFront.Api;

/// <summary>The body of <c>POST /api/namespaces/{ns}/events</c>.</summary>
public sealed record EmitRequest(string? Event, JsonElement[]? Args, EmitRequestTarget? To);

/// <summary>Where a pushed event goes: one of a room, a user or a connection; none means the whole namespace.</summary>
public sealed record EmitRequestTarget(string? Room, string? User, string? Sid);
