namespace Skiff.Scheduler.Framework;

/// <summary>A host port a pod holds; an empty or 0.0.0.0 IP conflicts with every IP on the same protocol and port.</summary>
public readonly record struct HostPort(string Ip, string Protocol, int Port);
