namespace Skiff.ApiServer.Admission.Scheduling;

/// <summary>The PriorityClasses reserved for the system, with upstream's values and limits.</summary>
public static class SystemPriorityClasses
{
    public const string Prefix = "system-";

    public const long HighestUserDefinable = 1_000_000_000;

    public static readonly IReadOnlyDictionary<string, long> Known = new Dictionary<string, long>
    {
        ["system-node-critical"] = 2_000_001_000,
        ["system-cluster-critical"] = 2_000_000_000,
    };

    /// <summary>Why a class with a reserved name is not one of the system's own, or null when it is.</summary>
    public static string? Problem(string name, long value, bool globalDefault)
    {
        if (!Known.TryGetValue(name, out var expected))
        {
            return $"{name} is not a known system priority class";
        }

        if (value != expected)
        {
            return $"value of {name} PriorityClass must be {expected}";
        }

        return globalDefault ? $"globalDefault of {name} PriorityClass must be false" : null;
    }
}
