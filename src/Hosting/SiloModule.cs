using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.Builder;

namespace ActorChat.Hosting;

/// <summary>A silo that a web front can bring into its own process (the co-hosted <c>All</c> role).</summary>
public interface ISiloModule
{
    /// <summary>Hosts a silo in the app being built, with its operator parts (readiness, dashboard).</summary>
    void AddSilo(WebApplicationBuilder builder);
}

/// <summary>Names the <see cref="ISiloModule"/> of an assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class SiloModuleAttribute(Type moduleType) : Attribute
{
    public Type ModuleType { get; } = moduleType;
}

/// <summary>
/// Finds the silo at run time, so a front's project needs no reference to the silo's (grains,
/// storage engines): the front runs as a pure Orleans client unless asked to co-host. The build puts
/// the silo and its dependencies in a <see cref="Folder"/> beside the front.
/// </summary>
public static class SiloModule
{
    public const string AssemblyName = "ActorChat.Silo";
    public const string Folder = "silo";

    private static int _resolverInstalled;

    public static ISiloModule Load()
    {
        InstallResolver(Path.Combine(AppContext.BaseDirectory, Folder), AppContext.BaseDirectory);
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(AssemblyName);
        }
        catch (FileNotFoundException)
        {
            throw new Configuration.InvalidConfigurationException(
                $"ActorChat:Role=All needs the silo beside the front ({Path.Combine(AppContext.BaseDirectory, Folder)}); build src/WebFront, or run with ActorChat:Role=Front.");
        }
        var module = assembly.GetCustomAttribute<SiloModuleAttribute>()
            ?? throw new InvalidOperationException($"{AssemblyName} declares no [assembly: SiloModule(...)].");
        return (ISiloModule)Activator.CreateInstance(module.ModuleType)!;
    }

    // Assemblies the front was built with resolve as usual; only the silo's own ones come from its
    // folder (or from beside the front, where a project that references both has put them).
    private static void InstallResolver(params string[] folders)
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) != 0) return;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            folders.Select(folder => Path.Combine(folder, name.Name + ".dll")).FirstOrDefault(File.Exists) is { } path
                ? context.LoadFromAssemblyPath(path)
                : null;
    }
}
