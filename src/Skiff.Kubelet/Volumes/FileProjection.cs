namespace Skiff.Kubelet.Volumes;

/// <summary>One file of a configMap, secret, downwardAPI or projected volume: its bytes and its permission bits.</summary>
public sealed record FileProjection(byte[] Data, int Mode);
