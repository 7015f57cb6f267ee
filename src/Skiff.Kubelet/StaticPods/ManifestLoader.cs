using k8s;
using k8s.Models;

namespace Skiff.Kubelet.StaticPods;

/// <summary>
/// Reads the static pod directory: every regular file whose name does not start with a dot (editors' swap and backup
/// files, as upstream skips them), each holding one or more Pods in YAML or JSON (several YAML documents split by
/// <c>---</c>). A file that cannot be read or parsed is reported and skipped; the others still run.
/// </summary>
public static class ManifestLoader
{
    public static ManifestLoadResult Load(string directory, string nodeName, DateTime seen)
    {
        var pods = new List<StaticPodManifest>();
        var errors = new List<(string File, string Message)>();
        if (!Directory.Exists(directory))
        {
            return new ManifestLoadResult(pods, errors);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            foreach (var (manifest, error) in Parse(file))
            {
                if (error is not null)
                {
                    errors.Add((file, error));
                    continue;
                }

                var pod = StaticPodDefaults.Apply(manifest!, nodeName, seen);
                if (!names.Add($"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}"))
                {
                    errors.Add((file, $"a static pod named {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} exists already"));
                    continue;
                }

                pods.Add(new StaticPodManifest(pod, file));
            }
        }

        return new ManifestLoadResult(pods, errors);
    }

    private static IEnumerable<(V1Pod? Pod, string? Error)> Parse(string file)
    {
        List<object> documents;
        try
        {
            documents = KubernetesYaml.LoadAllFromString(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [(null, $"cannot read: {e.Message}")];
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or ArgumentException or KeyNotFoundException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            return [(null, $"not a valid manifest: {e.Message}")];
        }

        return documents.Select(Check);
    }

    private static (V1Pod? Pod, string? Error) Check(object document)
    {
        if (document is not V1Pod pod)
        {
            var kind = document is IKubernetesObject typed ? typed.Kind : document.GetType().Name;
            return (null, $"kind {kind} is not a Pod");
        }

        if (string.IsNullOrEmpty(pod.Metadata?.Name))
        {
            return (null, "metadata.name is required");
        }

        if (pod.Spec?.Containers is not { Count: > 0 })
        {
            return (null, "spec.containers is required");
        }

        return (pod, null);
    }
}
