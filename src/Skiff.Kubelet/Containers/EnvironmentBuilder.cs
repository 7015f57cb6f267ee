using System.Globalization;
using System.Text;
using k8s.Models;

namespace Skiff.Kubelet.Containers;

/// <summary>
/// A container's environment as kubelet computes it: envFrom, then env (later entries win, each expanding
/// <c>$(VAR)</c> over what is defined so far and the service variables), then service variables not already set.
/// Missing non-optional sources are <see cref="ContainerConfigException"/> with upstream's messages.
/// </summary>
public sealed class EnvironmentBuilder(IEnvSources sources)
{
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> BuildAsync(V1Container container, EnvContext context, CancellationToken ct)
    {
        var pod = context.Pod;
        var ns = pod.Metadata.NamespaceProperty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Set(string name, string value)
        {
            if (!values.ContainsKey(name))
            {
                order.Add(name);
            }

            values[name] = value;
        }

        foreach (var from in container.EnvFrom ?? [])
        {
            var prefix = from.Prefix ?? string.Empty;
            if (from.ConfigMapRef is { } cmRef)
            {
                var configMap = await sources.ConfigMapAsync(ns, cmRef.Name, ct).ConfigureAwait(false);
                if (configMap is null)
                {
                    if (cmRef.Optional == true)
                    {
                        continue;
                    }

                    throw new ContainerConfigException($"configmap \"{cmRef.Name}\" not found");
                }

                foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
                {
                    Set(prefix + key, value);
                }
            }
            else if (from.SecretRef is { } secretRef)
            {
                var secret = await sources.SecretAsync(ns, secretRef.Name, ct).ConfigureAwait(false);
                if (secret is null)
                {
                    if (secretRef.Optional == true)
                    {
                        continue;
                    }

                    throw new ContainerConfigException($"secret \"{secretRef.Name}\" not found");
                }

                foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
                {
                    Set(prefix + key, Encoding.UTF8.GetString(value));
                }
            }
        }

        var serviceEnv = ServiceEnvironment.For(pod, context.Services).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        string? Lookup(string name) => values.TryGetValue(name, out var v) ? v : serviceEnv.GetValueOrDefault(name);

        foreach (var env in container.Env ?? [])
        {
            if (env.ValueFrom is null)
            {
                Set(env.Name, VariableExpansion.Expand(env.Value ?? string.Empty, Lookup));
                continue;
            }

            var value = await ResolveAsync(env.ValueFrom, container, context, ct).ConfigureAwait(false);
            if (value is not null)
            {
                Set(env.Name, value);
            }
        }

        foreach (var (name, value) in serviceEnv)
        {
            if (!values.ContainsKey(name))
            {
                Set(name, value);
            }
        }

        return order.Select(name => new KeyValuePair<string, string>(name, values[name])).ToList();
    }

    private async Task<string?> ResolveAsync(V1EnvVarSource source, V1Container container, EnvContext context, CancellationToken ct)
    {
        var ns = context.Pod.Metadata.NamespaceProperty;
        if (source.ConfigMapKeyRef is { } cmKey)
        {
            var configMap = await sources.ConfigMapAsync(ns, cmKey.Name, ct).ConfigureAwait(false);
            if (configMap is null)
            {
                return cmKey.Optional == true ? null : throw new ContainerConfigException($"configmap \"{cmKey.Name}\" not found");
            }

            if (configMap.Data?.TryGetValue(cmKey.Key, out var value) == true)
            {
                return value;
            }

            return cmKey.Optional == true ? null : throw new ContainerConfigException($"couldn't find key {cmKey.Key} in ConfigMap {ns}/{cmKey.Name}");
        }

        if (source.SecretKeyRef is { } secretKey)
        {
            var secret = await sources.SecretAsync(ns, secretKey.Name, ct).ConfigureAwait(false);
            if (secret is null)
            {
                return secretKey.Optional == true ? null : throw new ContainerConfigException($"secret \"{secretKey.Name}\" not found");
            }

            if (secret.Data?.TryGetValue(secretKey.Key, out var bytes) == true)
            {
                return Encoding.UTF8.GetString(bytes);
            }

            return secretKey.Optional == true ? null : throw new ContainerConfigException($"couldn't find key {secretKey.Key} in Secret {ns}/{secretKey.Name}");
        }

        if (source.FieldRef is { } fieldRef)
        {
            return FieldPath(fieldRef.FieldPath, context);
        }

        if (source.ResourceFieldRef is { } resourceRef)
        {
            return ResourceField(resourceRef, container, context);
        }

        return null;
    }

    /// <summary>The value of a downward-API field path (env form), or a config error for an unsupported one.</summary>
    public static string FieldPath(string path, EnvContext context)
    {
        var pod = context.Pod;
        var meta = pod.Metadata;
        if (TryMapKey(path, "metadata.labels", out var label))
        {
            return meta.Labels is { } labels && labels.TryGetValue(label, out var l) ? l : string.Empty;
        }

        if (TryMapKey(path, "metadata.annotations", out var annotation))
        {
            return meta.Annotations is { } annotations && annotations.TryGetValue(annotation, out var a) ? a : string.Empty;
        }

        return path switch
        {
            "metadata.name" => meta.Name,
            "metadata.namespace" => meta.NamespaceProperty,
            "metadata.uid" => meta.Uid,
            "spec.nodeName" => pod.Spec.NodeName ?? string.Empty,
            "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? string.Empty,
            "status.hostIP" or "status.hostIPs" => context.HostIp ?? string.Empty,
            "status.podIP" or "status.podIPs" => context.PodIp ?? string.Empty,
            _ => throw new ContainerConfigException($"unsupported fieldPath: {path}"),
        };
    }

    private static bool TryMapKey(string path, string prefix, out string key)
    {
        key = string.Empty;
        if (!path.StartsWith(prefix + "[", StringComparison.Ordinal) || !path.EndsWith(']'))
        {
            return false;
        }

        key = path[(prefix.Length + 1)..^1].Trim('\'', '"');
        return true;
    }

    private static string ResourceField(V1ResourceFieldSelector selector, V1Container self, EnvContext context)
    {
        var container = string.IsNullOrEmpty(selector.ContainerName)
            ? self
            : context.Pod.Spec.Containers.FirstOrDefault(c => c.Name == selector.ContainerName) ?? self;
        var (kind, resource) = selector.Resource.Split('.', 2) switch
        {
            [var k, var r] => (k, r),
            _ => throw new ContainerConfigException($"unsupported container resource : {selector.Resource}"),
        };
        var table = kind == "limits" ? container.Resources?.Limits : container.Resources?.Requests;
        decimal amount;
        if (table?.TryGetValue(resource, out var quantity) == true)
        {
            amount = quantity.ToDecimal();
        }
        else if (kind == "limits" && context.NodeAllocatable.TryGetValue(resource, out var allocatable))
        {
            // An unset limit reads as the node's allocatable, as upstream does.
            amount = allocatable.ToDecimal();
        }
        else
        {
            amount = 0;
        }

        var divisor = selector.Divisor?.ToDecimal() is { } d and not 0 ? d : 1m;
        return decimal.Ceiling(amount / divisor).ToString(CultureInfo.InvariantCulture);
    }
}
