namespace Skiff.Kubelet.Runtime;

/// <summary>A system package the node's container runtime needs is not installed.</summary>
public sealed class MissingRuntimeDependencyException : Exception
{
    public MissingRuntimeDependencyException(IReadOnlyList<string> missingFiles, IReadOnlyList<string> packages)
        : base($"the container runtime cannot start: {string.Join(", ", missingFiles)} not found; " +
               $"install the Debian package{(packages.Count == 1 ? "" : "s")} {string.Join(" ", packages)} " +
               $"(apt-get install {string.Join(" ", packages)}), or pass --container-runtime-endpoint to use a running CRI runtime")
    {
        MissingFiles = missingFiles;
        Packages = packages;
    }

    public IReadOnlyList<string> MissingFiles { get; }

    public IReadOnlyList<string> Packages { get; }
}
