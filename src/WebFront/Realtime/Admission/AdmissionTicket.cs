using System.Diagnostics.CodeAnalysis;
using ActorChat.Realtime;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime.Recovery;

namespace ActorChat.WebFront.Realtime.Admission;

/// <summary>
/// A client admitted to a namespace: its new connection (id, namespace, user, transport, front) and who it
/// is, and the session its transport asked for. The transport builds its connection object with
/// <see cref="Connection"/> and hands both back to <see cref="ConnectionAdmission.ConnectAsync"/>.
/// </summary>
public sealed record AdmissionTicket(ClientConnection Connection, UserIdentity Identity, SessionRequest? Session = null);

/// <summary>What <see cref="ConnectionAdmission.AdmitAsync"/> decided: a ticket, or a refusal.</summary>
public readonly record struct AdmissionResult(AdmissionTicket? Ticket, ConnectionRefusal? Refusal)
{
    [MemberNotNullWhen(true, nameof(Ticket))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Admitted => Ticket is not null;

    public static implicit operator AdmissionResult(AdmissionTicket ticket) => new(ticket, null);

    public static implicit operator AdmissionResult(ConnectionRefusal refusal) => new(null, refusal);
}
