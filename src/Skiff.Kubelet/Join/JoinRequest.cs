using Skiff.Api.Join;

namespace Skiff.Kubelet.Join;

/// <summary>What <c>skiff agent</c> joins with: where the server is, the token, and who this node is.</summary>
public sealed record JoinRequest
{
    /// <summary><c>--server</c>, e.g. <c>https://10.0.0.1:6443</c>.</summary>
    public required Uri Server { get; init; }

    public required JoinToken Token { get; init; }

    /// <summary><c>&lt;data-dir&gt;/agent</c>, where the node's credentials are kept between restarts.</summary>
    public required string AgentDir { get; init; }

    public required string NodeName { get; init; }

    /// <summary>The node's addresses, for the kubelet's serving certificate.</summary>
    public IReadOnlyList<string> NodeIps { get; init; } = [];

    /// <summary>How long to wait between attempts while the server cannot be reached.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);
}
