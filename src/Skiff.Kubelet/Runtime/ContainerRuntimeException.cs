namespace Skiff.Kubelet.Runtime;

/// <summary>The container runtime could not be started or reached.</summary>
public sealed class ContainerRuntimeException : Exception
{
    public ContainerRuntimeException(string message)
        : base(message)
    {
    }

    public ContainerRuntimeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
