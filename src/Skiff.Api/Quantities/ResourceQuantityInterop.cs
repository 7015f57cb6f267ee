using k8s.Models;

namespace Skiff.Api.Quantities;

/// <summary>
/// Bridges to the client package's <see cref="ResourceQuantity"/>, which typed code (scheduler,
/// kubelet) receives. Its parsing agrees with upstream on common values but throws
/// ArgumentException and does not cap huge values, so arithmetic and comparison go through
/// <see cref="Quantity"/>.
/// </summary>
public static class ResourceQuantityInterop
{
    public static Quantity ToQuantity(this ResourceQuantity quantity) => Quantity.Parse(quantity.ToString());

    public static ResourceQuantity ToResourceQuantity(this Quantity quantity) => new(quantity.ToString());

    /// <summary>Sums a resource list per name, as requests add up across containers.</summary>
    public static Dictionary<string, Quantity> Add(
        IReadOnlyDictionary<string, Quantity> left,
        IReadOnlyDictionary<string, Quantity> right)
    {
        var sum = new Dictionary<string, Quantity>(left, StringComparer.Ordinal);
        foreach (var (name, value) in right)
        {
            sum[name] = sum.TryGetValue(name, out var existing) ? existing + value : value;
        }

        return sum;
    }

    /// <summary>Reads a typed resource list (requests, limits, capacity) into exact quantities.</summary>
    public static Dictionary<string, Quantity> ToQuantities(this IDictionary<string, ResourceQuantity>? list) =>
        list?.ToDictionary(kv => kv.Key, kv => kv.Value.ToQuantity(), StringComparer.Ordinal) ?? new Dictionary<string, Quantity>(StringComparer.Ordinal);
}
