namespace Skiff.HollowNodes.Nodes;

/// <summary>A flag value that cannot describe a node; the message names the flag and the bad part.</summary>
public sealed class OptionException : Exception
{
    public OptionException(string message)
        : base(message)
    {
    }

    public OptionException()
    {
    }

    public OptionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
