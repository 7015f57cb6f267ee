namespace Skiff.Kubelet.Join;

/// <summary>Joining the cluster failed in a way retrying cannot fix: the message says why, for the operator.</summary>
public sealed class JoinException : Exception
{
    public JoinException(string message)
        : base(message)
    {
    }

    public JoinException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
