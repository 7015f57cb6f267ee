using k8s.Models;
using Skiff.Api.Quantities;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// Amounts the scheduler counts, in upstream's units: milli-CPU, bytes, pod slots, and extended resources by name
/// (hugepages, example.com/gpu) in their integer units.
/// </summary>
public sealed class Resource
{
    public long MilliCpu { get; set; }

    public long Memory { get; set; }

    public long EphemeralStorage { get; set; }

    public long AllowedPodNumber { get; set; }

    // Most pods and nodes have no extended resources; the map is made on the first one (every pod's requests are
    // computed several times over its life, and every snapshot copy of a node clones three of these).
    private Dictionary<string, long>? _scalar;

    /// <summary>Extended resources by name; reading through <see cref="ScalarValue"/> or <see cref="Scalars"/> allocates nothing.</summary>
    public Dictionary<string, long> Scalar => _scalar ??= new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The extended resources, empty without allocating when there are none.</summary>
    public IReadOnlyDictionary<string, long> Scalars => (IReadOnlyDictionary<string, long>?)_scalar ?? s_noScalars;

    private static readonly Dictionary<string, long> s_noScalars = new(StringComparer.Ordinal);

    /// <summary>Whether any extended resource is set, so per-node checks skip the map without touching it.</summary>
    public bool HasScalars => _scalar is { Count: > 0 };

    public long ScalarValue(string name) => _scalar is { } scalar && scalar.TryGetValue(name, out var value) ? value : 0;

    public static Resource From(IDictionary<string, ResourceQuantity>? list)
    {
        var resource = new Resource();
        if (list is null)
        {
            return resource;
        }

        foreach (var (name, value) in list)
        {
            resource.Set(name, value.ToQuantity());
        }

        return resource;
    }

    public void Set(string name, Quantity value)
    {
        switch (name)
        {
            case "cpu":
                MilliCpu = value.MilliValue();
                break;
            case "memory":
                Memory = value.Value();
                break;
            case "ephemeral-storage":
                EphemeralStorage = value.Value();
                break;
            case "pods":
                AllowedPodNumber = value.Value();
                break;
            default:
                Scalar[name] = value.Value();
                break;
        }
    }

    public void Add(Resource other)
    {
        MilliCpu += other.MilliCpu;
        Memory += other.Memory;
        EphemeralStorage += other.EphemeralStorage;
        AllowedPodNumber += other.AllowedPodNumber;
        if (other._scalar is null)
        {
            return;
        }

        foreach (var (name, value) in other._scalar)
        {
            Scalar[name] = ScalarValue(name) + value;
        }
    }

    public void Subtract(Resource other)
    {
        MilliCpu -= other.MilliCpu;
        Memory -= other.Memory;
        EphemeralStorage -= other.EphemeralStorage;
        AllowedPodNumber -= other.AllowedPodNumber;
        if (other._scalar is null)
        {
            return;
        }

        foreach (var (name, value) in other._scalar)
        {
            Scalar[name] = ScalarValue(name) - value;
        }
    }

    /// <summary>Raises each amount to at least the other's (init containers run one at a time).</summary>
    public void SetMax(Resource other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        Memory = Math.Max(Memory, other.Memory);
        EphemeralStorage = Math.Max(EphemeralStorage, other.EphemeralStorage);
        AllowedPodNumber = Math.Max(AllowedPodNumber, other.AllowedPodNumber);
        if (other._scalar is null)
        {
            return;
        }

        foreach (var (name, value) in other._scalar)
        {
            Scalar[name] = Math.Max(ScalarValue(name), value);
        }
    }

    public Resource Clone()
    {
        var copy = new Resource { MilliCpu = MilliCpu, Memory = Memory, EphemeralStorage = EphemeralStorage, AllowedPodNumber = AllowedPodNumber };
        if (_scalar is not null)
        {
            foreach (var (name, value) in _scalar)
            {
                copy.Scalar[name] = value;
            }
        }

        return copy;
    }
}
