namespace ActorChat.Testing;

/// <summary>Folders of the repository the tests run from: the JavaScript clients, and artifacts/ (ignored by git) for what tests leave to look at.</summary>
public static class RepositoryFolders
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorChat.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ActorChat.sln not found above the test binaries.");
        }
    }

    public static string Scripts => Path.Combine(Root, "tests", "js");

    /// <summary>A folder under artifacts/ for one test's screenshots and logs, emptied first.</summary>
    public static string Artifacts(string name)
    {
        var folder = Path.Combine(Root, "artifacts", name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
