namespace ActorChat.Realtime;

/// <summary>The cluster's list of live fronts (one activation, key <see cref="Key"/>).</summary>
public interface IFrontDirectoryGrain : IGrainWithStringKey
{
    const string Key = "fronts";

    /// <summary>Registers or refreshes a front and returns every live front.</summary>
    Task<FrontEntry[]> Heartbeat(FrontEntry front);

    /// <summary>Returns every live front.</summary>
    Task<FrontEntry[]> GetFronts();

    /// <summary>Removes a front that is shutting down.</summary>
    Task Remove(string frontId);
}
