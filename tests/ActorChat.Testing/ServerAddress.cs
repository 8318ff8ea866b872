namespace ActorChat.Testing;

/// <summary>Where a test reaches an ActorChat web front: in this process or another.</summary>
public interface IServerAddress
{
    Uri BaseUri { get; }

    Uri Http(string path) => new(BaseUri, path);

    Uri Ws(string path) => new(BaseUri.ToString().Replace("http://", "ws://") + path.TrimStart('/'));
}
