namespace Skiff.Kubelet.Containers;

/// <summary>A container whose config cannot be built (missing ConfigMap key, runAsNonRoot violated): CreateContainerConfigError.</summary>
public sealed class ContainerConfigException(string message) : Exception(message);
