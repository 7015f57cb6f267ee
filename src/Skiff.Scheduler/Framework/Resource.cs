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

    public Dictionary<string, long> Scalar { get; } = new(StringComparer.Ordinal);

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
        foreach (var (name, value) in other.Scalar)
        {
            Scalar[name] = Scalar.GetValueOrDefault(name) + value;
        }
    }

    public void Subtract(Resource other)
    {
        MilliCpu -= other.MilliCpu;
        Memory -= other.Memory;
        EphemeralStorage -= other.EphemeralStorage;
        AllowedPodNumber -= other.AllowedPodNumber;
        foreach (var (name, value) in other.Scalar)
        {
            Scalar[name] = Scalar.GetValueOrDefault(name) - value;
        }
    }

    /// <summary>Raises each amount to at least the other's (init containers run one at a time).</summary>
    public void SetMax(Resource other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        Memory = Math.Max(Memory, other.Memory);
        EphemeralStorage = Math.Max(EphemeralStorage, other.EphemeralStorage);
        AllowedPodNumber = Math.Max(AllowedPodNumber, other.AllowedPodNumber);
        foreach (var (name, value) in other.Scalar)
        {
            Scalar[name] = Math.Max(Scalar.GetValueOrDefault(name), value);
        }
    }

    public Resource Clone()
    {
        var copy = new Resource { MilliCpu = MilliCpu, Memory = Memory, EphemeralStorage = EphemeralStorage, AllowedPodNumber = AllowedPodNumber };
        foreach (var (name, value) in Scalar)
        {
            copy.Scalar[name] = value;
        }

        return copy;
    }
}
