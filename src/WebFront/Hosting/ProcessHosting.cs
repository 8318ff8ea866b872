using ActorChat.Hosting;
using ActorChat.Hosting.Cluster;
using ActorChat.Hosting.Configuration;
using ActorChat.Hosting.Operations;

namespace ActorChat.WebFront.Hosting;

public static class ProcessHosting
{
    /// <summary>
    /// Makes this process a front of the cluster as <c>ActorChat:Role</c> says: with a silo co-hosted
    /// (<c>All</c>) or as an Orleans client (<c>Front</c>), with the operator endpoints' services.
    /// Map those endpoints with <see cref="OperationsHosting.MapActorChatOperations"/>.
    /// </summary>
    public static ProcessRole AddActorChatProcess(this WebApplicationBuilder builder)
    {
        var role = FrontRole.Of(builder.Configuration);
        var clustering = ConfigurationCheck.Load<ClusteringOptions>(builder.Configuration, ClusteringOptions.Section);
        builder.Services.AddSingleton(clustering);
        builder.AddActorChatOperations(role);
        if (role == ProcessRole.All) SiloModule.Load().AddSilo(builder);
        else builder.AddActorChatClusterClient(clustering);
        return role;
    }
}
