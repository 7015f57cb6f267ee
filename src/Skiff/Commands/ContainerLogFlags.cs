using System.CommandLine;
using k8s.Models;
using Skiff.Kubelet.Logs;

namespace Skiff.Commands;

/// <summary>The kubelet's container log rotation flags, shared by <c>skiff server</c> and <c>skiff agent</c>.</summary>
internal sealed class ContainerLogFlags
{
    public Option<string> MaxSize { get; } = new("--container-log-max-size")
    {
        Description = "Rotate a container's log once it reaches this size (a quantity such as 10Mi)",
        DefaultValueFactory = _ => "10Mi",
    };

    public Option<int> MaxFiles { get; } = new("--container-log-max-files")
    {
        Description = "Log files kept per container, the live one included",
        DefaultValueFactory = _ => ContainerLogPolicy.DefaultMaxFiles,
    };

    public IEnumerable<Option> All => [MaxSize, MaxFiles];

    /// <summary>The policy the flags ask for, or the reason they are invalid.</summary>
    public (ContainerLogPolicy? Policy, string? Error) Parse(ParseResult parse)
    {
        long size;
        try
        {
            size = new ResourceQuantity(parse.GetValue(MaxSize)).ToInt64();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return (null, $"--container-log-max-size: \"{parse.GetValue(MaxSize)}\" is not a quantity such as 10Mi");
        }

        var policy = new ContainerLogPolicy { MaxSize = size, MaxFiles = parse.GetValue(MaxFiles) };
        return policy.Validate() is { } error ? (null, error) : (policy, null);
    }
}
