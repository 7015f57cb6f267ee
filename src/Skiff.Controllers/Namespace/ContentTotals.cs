namespace Skiff.Controllers.Namespace;

/// <summary>What one pass over a terminating namespace found: failures, and what is still there.</summary>
public sealed class ContentTotals
{
    /// <summary>Set when discovery failed in whole or in part (the condition message).</summary>
    public string? DiscoveryFailure { get; set; }

    public List<string> ContentErrors { get; } = [];

    /// <summary>"plural.group" → instances still present.</summary>
    public Dictionary<string, int> Remaining { get; } = new(StringComparer.Ordinal);

    /// <summary>finalizer → instances still carrying it.</summary>
    public Dictionary<string, int> Finalizers { get; } = new(StringComparer.Ordinal);

    /// <summary>Seconds until the remaining content is expected to be gone.</summary>
    public long Estimate { get; set; }

    public bool Failed => DiscoveryFailure is not null || ContentErrors.Count > 0;
}
