using ActorChat.Hosting;
using Microsoft.AspNetCore.Builder;

[assembly: SiloModule(typeof(ActorChat.Silo.CoHostedSilo))]

namespace ActorChat.Silo;

/// <summary>The silo as a web front co-hosts it (<c>ActorChat:Role=All</c>).</summary>
public sealed class CoHostedSilo : ISiloModule
{
    public void AddSilo(WebApplicationBuilder builder) => builder.AddActorChatSilo();
}
