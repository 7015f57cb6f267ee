using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>Upstream's validation of a pod spec (pods and pod templates), with its field paths and messages.</summary>
internal static class PodSpecValidation
{
    public static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] VolumeSources =
    [
        "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
        "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
        "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
        "ephemeral", "image",
    ];

    /// <summary>Validates <paramref name="spec"/> found at <paramref name="path"/> ("spec", "spec.template.spec").</summary>
    public static void Validate(JsonObject? spec, string path, List<FieldError> errors)
    {
        if (spec is null)
        {
            errors.Add(FieldError.Required(path));
            return;
        }

        var volumes = ValidateVolumes(spec, path, errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in (string[])["initContainers", "containers"])
        {
            var containers = Arr(spec, list);
            if (list == "containers" && (containers is null || containers.Count == 0))
            {
                errors.Add(FieldError.Required($"{path}.containers"));
                continue;
            }

            for (var i = 0; i < (containers?.Count ?? 0); i++)
            {
                ValidateContainer(containers![i] as JsonObject ?? [], $"{path}.{list}[{i}]", names, volumes, errors);
            }
        }

        CheckEnum(spec, "restartPolicy", RestartPolicies, path, errors);
        CheckEnum(spec, "dnsPolicy", DnsPolicies, path, errors);
        if (Long(spec, "activeDeadlineSeconds") is { } deadline && deadline <= 0)
        {
            errors.Add(FieldError.Invalid($"{path}.activeDeadlineSeconds", deadline, "must be between 1 and 2147483647, inclusive"));
        }
    }

    /// <summary>An enumerated string field: required, and one of the upstream values.</summary>
    public static void CheckEnum(JsonObject obj, string key, IReadOnlyList<string> supported, string path, List<FieldError> errors)
    {
        var value = Str(obj, key);
        if (value.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.{key}"));
        }
        else if (!supported.Contains(value))
        {
            errors.Add(FieldError.NotSupported($"{path}.{key}", value, supported));
        }
    }

    public static void CheckPortNumber(long? port, string field, List<FieldError> errors)
    {
        if (port is { } p && (p < 1 || p > 65535))
        {
            errors.Add(FieldError.Invalid(field, p, "must be between 1 and 65535, inclusive"));
        }
    }

    private static HashSet<string> ValidateVolumes(JsonObject spec, string path, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var volumes = Arr(spec, "volumes");
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            var volume = volumes![i] as JsonObject ?? [];
            var at = $"{path}.volumes[{i}]";
            var name = Str(volume, "name");
            if (name.Length == 0)
            {
                errors.Add(FieldError.Required($"{at}.name"));
            }
            else
            {
                errors.AddRange(NameValidation.IsDns1123Label(name).Select(m => FieldError.Invalid($"{at}.name", name, m)));
                if (!names.Add(name))
                {
                    errors.Add(FieldError.Duplicate($"{at}.name", name));
                }
            }

            var sources = VolumeSources.Where(s => volume[s] is not null).ToList();
            if (sources.Count == 0)
            {
                errors.Add(FieldError.Required(at, "must specify a volume type"));
            }

            foreach (var extra in sources.Skip(1))
            {
                errors.Add(FieldError.Forbidden($"{at}.{extra}", "may not specify more than 1 volume type"));
            }
        }

        return names;
    }

    private static void ValidateContainer(JsonObject container, string path, HashSet<string> names, HashSet<string> volumes, List<FieldError> errors)
    {
        var name = Str(container, "name");
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.name"));
        }
        else
        {
            errors.AddRange(NameValidation.IsDns1123Label(name).Select(m => FieldError.Invalid($"{path}.name", name, m)));
            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate($"{path}.name", name));
            }
        }

        if (Str(container, "image").Trim().Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.image"));
        }

        ValidatePorts(container, path, errors);
        foreach (var (env, i) in Items(container, "env").Select((e, i) => (e, i)))
        {
            if (Str(env, "name").Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.env[{i}].name"));
            }
        }

        foreach (var (mount, i) in Items(container, "volumeMounts").Select((m, i) => (m, i)))
        {
            var volume = Str(mount, "name");
            if (volume.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.volumeMounts[{i}].name"));
            }
            else if (!volumes.Contains(volume))
            {
                errors.Add(FieldError.NotFound($"{path}.volumeMounts[{i}].name", volume));
            }

            if (Str(mount, "mountPath").Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.volumeMounts[{i}].mountPath"));
            }
        }

        CheckEnum(container, "imagePullPolicy", PullPolicies, path, errors);
        CheckEnum(container, "terminationMessagePolicy", MessagePolicies, path, errors);
        ValidateResources(Obj(container, "resources"), $"{path}.resources", errors);
    }

    private static void ValidatePorts(JsonObject container, string path, List<FieldError> errors)
    {
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (port, i) in Items(container, "ports").Select((p, i) => (p, i)))
        {
            var at = $"{path}.ports[{i}]";
            var portName = Str(port, "name");
            if (portName.Length > 0)
            {
                errors.AddRange(PortNames.Check(portName).Select(m => FieldError.Invalid($"{at}.name", portName, m)));
                if (!portNames.Add(portName))
                {
                    errors.Add(FieldError.Duplicate($"{at}.name", portName));
                }
            }

            var containerPort = Long(port, "containerPort") ?? 0;
            if (containerPort == 0)
            {
                errors.Add(FieldError.Required($"{at}.containerPort"));
            }
            else
            {
                CheckPortNumber(containerPort, $"{at}.containerPort", errors);
            }

            if (Long(port, "hostPort") is { } hostPort && hostPort != 0)
            {
                CheckPortNumber(hostPort, $"{at}.hostPort", errors);
            }

            CheckEnum(port, "protocol", Protocols, at, errors);
        }
    }

    private static void ValidateResources(JsonObject? resources, string path, List<FieldError> errors)
    {
        var limits = Obj(resources, "limits");
        var requests = Obj(resources, "requests");
        foreach (var (which, map) in (ReadOnlySpan<(string, JsonObject?)>)[("limits", limits), ("requests", requests)])
        {
            foreach (var (name, value) in map ?? [])
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
                if (!Quantity.TryParse(text, out var q))
                {
                    errors.Add(FieldError.Invalid($"{path}.{which}[{name}]", text, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
                }
                else if (q < 0)
                {
                    errors.Add(FieldError.Invalid($"{path}.{which}[{name}]", text, "must be greater than or equal to 0"));
                }
            }
        }

        foreach (var (name, value) in requests ?? [])
        {
            if (limits?[name] is not { } limit)
            {
                continue;
            }

            var requestText = QuantityText(value);
            var limitText = QuantityText(limit);
            if (Quantity.TryParse(requestText, out var request) && Quantity.TryParse(limitText, out var max) && request > max)
            {
                errors.Add(FieldError.Invalid($"{path}.requests", requestText, $"must be less than or equal to {name} limit of {limitText}"));
            }
        }
    }

    private static string QuantityText(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? string.Empty;
}
