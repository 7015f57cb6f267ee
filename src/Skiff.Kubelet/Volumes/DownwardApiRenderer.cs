using System.Globalization;
using System.Text;
using k8s.Models;
using Skiff.Api.Quantities;

namespace Skiff.Kubelet.Volumes;

/// <summary>Renders downwardAPI volume items: pod metadata fields and container resources, formatted as kubelet writes them.</summary>
public static class DownwardApiRenderer
{
    public static Dictionary<string, FileProjection> Project(
        V1Pod pod, IList<V1DownwardAPIVolumeFile>? items, int defaultMode, IReadOnlyDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            string value;
            if (item.FieldRef is { } fieldRef)
            {
                value = FieldValue(pod, fieldRef.FieldPath);
            }
            else if (item.ResourceFieldRef is { } resourceRef)
            {
                value = ResourceValue(pod, resourceRef, nodeAllocatable);
            }
            else
            {
                continue;
            }

            files[item.Path] = new FileProjection(Encoding.UTF8.GetBytes(value), item.Mode ?? defaultMode);
        }

        return files;
    }

    public static string FieldValue(V1Pod pod, string fieldPath)
    {
        var meta = pod.Metadata;
        return fieldPath switch
        {
            "metadata.name" => meta.Name ?? string.Empty,
            "metadata.namespace" => meta.NamespaceProperty ?? string.Empty,
            "metadata.uid" => meta.Uid ?? string.Empty,
            "metadata.labels" => FormatMap(meta.Labels),
            "metadata.annotations" => FormatMap(meta.Annotations),
            _ when Subscript(fieldPath, "metadata.labels") is { } key => Lookup(meta.Labels, key) ?? string.Empty,
            _ when Subscript(fieldPath, "metadata.annotations") is { } key => Lookup(meta.Annotations, key) ?? string.Empty,
            _ => throw new VolumeSetupException("FailedMount", $"unsupported fieldPath: {fieldPath}"),
        };
    }

    /// <summary>Sorted <c>key="value"</c> lines with Go's %q quoting and no trailing newline, as upstream's FormatMap.</summary>
    public static string FormatMap(IDictionary<string, string>? map)
    {
        if (map is null)
        {
            return string.Empty;
        }

        var lines = map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + GoQuote(p.Value ?? string.Empty));
        return string.Join('\n', lines);
    }

    internal static string GoQuote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\a': quoted.Append("\\a"); break;
                case '\b': quoted.Append("\\b"); break;
                case '\f': quoted.Append("\\f"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\v': quoted.Append("\\v"); break;
                default:
                    if (Rune.IsControl(rune))
                    {
                        quoted.Append(rune.Value < 0x80 ? $"\\x{rune.Value:x2}" : rune.Value <= 0xFFFF ? $"\\u{rune.Value:x4}" : $"\\U{rune.Value:x8}");
                    }
                    else
                    {
                        quoted.Append(rune.ToString());
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    private static string? Subscript(string fieldPath, string prefix)
    {
        if (fieldPath.StartsWith(prefix + "['", StringComparison.Ordinal) && fieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            return fieldPath[(prefix.Length + 2)..^2];
        }

        return null;
    }

    /// <summary>
    /// A container's request or limit divided by the divisor and rounded up; an unset limit is the node's allocatable,
    /// an unset request falls back to the limit, as upstream.
    /// </summary>
    public static string ResourceValue(V1Pod pod, V1ResourceFieldSelector selector, IReadOnlyDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        var container = (pod.Spec.Containers ?? []).Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == selector.ContainerName)
            ?? throw new VolumeSetupException("FailedMount", $"container {selector.ContainerName} not found");
        var dot = selector.Resource.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            throw new VolumeSetupException("FailedMount", $"unsupported container resource : {selector.Resource}");
        }

        var kind = selector.Resource[..dot];
        var name = selector.Resource[(dot + 1)..];
        var limits = container.Resources?.Limits;
        var requests = container.Resources?.Requests;
        ResourceQuantity? quantity = kind switch
        {
            "limits" => Lookup(limits, name) ?? nodeAllocatable?.GetValueOrDefault(name),
            "requests" => Lookup(requests, name) ?? Lookup(limits, name),
            _ => throw new VolumeSetupException("FailedMount", $"unsupported container resource : {selector.Resource}"),
        };
        var value = quantity is null ? Quantity.Zero : quantity.ToQuantity();
        var divisor = selector.Divisor is null ? Quantity.FromUnits(1) : selector.Divisor.ToQuantity();
        if (divisor.IsZero)
        {
            divisor = Quantity.FromUnits(1);
        }

        long result;
        if (name == "cpu")
        {
            // cpu divides in millicores and rounds up, so "250m" over the default divisor reads 1.
            result = CeilDiv(value.MilliValue(), divisor.MilliValue());
        }
        else
        {
            result = CeilDiv(value.Value(), divisor.Value());
        }

        return result.ToString(CultureInfo.InvariantCulture);
    }

    private static T? Lookup<T>(IDictionary<string, T>? map, string key)
        where T : class => map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static long CeilDiv(long value, long divisor) => divisor == 0 ? value : (value + divisor - 1) / divisor;
}
