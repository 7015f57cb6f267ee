using System.Text.Json.Nodes;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>
/// Upstream's core/v1 defaults for a pod spec, wherever one appears (pods and every pod template), written
/// into the JSON only where a field is absent.
/// </summary>
internal static class PodSpecDefaults
{
    public const int DefaultFileMode = 420; // 0644

    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>What a pod template's spec gets (Deployments, Jobs, PodTemplates...).</summary>
    public static void Apply(JsonObject spec)
    {
        FillString(spec, "dnsPolicy", "ClusterFirst");
        FillString(spec, "restartPolicy", "Always");
        Fill(spec, "terminationGracePeriodSeconds", 30);
        Fill(spec, "securityContext", new JsonObject());
        FillString(spec, "schedulerName", "default-scheduler");
        foreach (var list in ContainerLists)
        {
            foreach (var container in Items(spec, list))
            {
                DefaultContainer(container);
            }
        }

        foreach (var volume in Items(spec, "volumes"))
        {
            DefaultVolume(volume);
        }
    }

    /// <summary>
    /// What only a Pod gets on top of its spec's defaults: upstream's SetDefaults_Pod, which templates do not
    /// run, so a Deployment's template never shows copied requests or enableServiceLinks.
    /// </summary>
    public static void ApplyPodOnly(JsonObject spec)
    {
        foreach (var list in (string[])["initContainers", "containers"])
        {
            foreach (var container in Items(spec, list))
            {
                CopyLimitsToRequests(container);
            }
        }

        Fill(spec, "enableServiceLinks", true);
        if (Bool(spec, "hostNetwork") == true)
        {
            foreach (var list in (string[])["initContainers", "containers"])
            {
                foreach (var port in Items(spec, list).SelectMany(c => Items(c, "ports")))
                {
                    if ((Long(port, "hostPort") ?? 0) == 0 && port["containerPort"] is { } containerPort)
                    {
                        port["hostPort"] = containerPort.DeepClone();
                    }
                }
            }
        }
    }

    private static void DefaultContainer(JsonObject container)
    {
        // Upstream always writes resources, even empty, because Go cannot leave out an empty struct.
        Fill(container, "resources", new JsonObject());
        FillString(container, "terminationMessagePath", "/dev/termination-log");
        FillString(container, "terminationMessagePolicy", "File");
        FillString(container, "imagePullPolicy", ImageReference.Tag(Str(container, "image")) == "latest" ? "Always" : "IfNotPresent");
        foreach (var port in Items(container, "ports"))
        {
            FillString(port, "protocol", "TCP");
        }

        foreach (var probe in (string[])["livenessProbe", "readinessProbe", "startupProbe"])
        {
            if (Obj(container, probe) is { } p)
            {
                DefaultProbe(p);
            }
        }

        if (Obj(container, "lifecycle") is { } lifecycle)
        {
            foreach (var hook in (string[])["postStart", "preStop"])
            {
                DefaultHttpGet(Obj(Obj(lifecycle, hook), "httpGet"));
            }
        }

        foreach (var env in Items(container, "env"))
        {
            DefaultFieldRef(Obj(Obj(env, "valueFrom"), "fieldRef"));
        }
    }

    private static void DefaultProbe(JsonObject probe)
    {
        // These four are plain int32 in Go, so an explicit 0 is defaulted as if absent.
        DefaultIfZero(probe, "timeoutSeconds", 1);
        DefaultIfZero(probe, "periodSeconds", 10);
        DefaultIfZero(probe, "successThreshold", 1);
        DefaultIfZero(probe, "failureThreshold", 3);
        DefaultHttpGet(Obj(probe, "httpGet"));
    }

    private static void DefaultHttpGet(JsonObject? httpGet)
    {
        if (httpGet is null)
        {
            return;
        }

        FillString(httpGet, "path", "/");
        FillString(httpGet, "scheme", "HTTP");
    }

    private static void DefaultFieldRef(JsonObject? fieldRef)
    {
        if (fieldRef is not null)
        {
            FillString(fieldRef, "apiVersion", "v1");
        }
    }

    private static void DefaultVolume(JsonObject volume)
    {
        if (!volume.Any(kv => kv.Key != "name" && kv.Value is not null))
        {
            volume["emptyDir"] = new JsonObject();
        }

        foreach (var source in (string[])["secret", "configMap", "downwardAPI", "projected"])
        {
            if (Obj(volume, source) is { } s)
            {
                Fill(s, "defaultMode", DefaultFileMode);
            }
        }

        if (Obj(volume, "hostPath") is { } hostPath)
        {
            Fill(hostPath, "type", string.Empty);
        }

        foreach (var item in Items(Obj(volume, "downwardAPI"), "items"))
        {
            DefaultFieldRef(Obj(item, "fieldRef"));
        }

        foreach (var projection in Items(Obj(volume, "projected"), "sources"))
        {
            if (Obj(projection, "serviceAccountToken") is { } token)
            {
                Fill(token, "expirationSeconds", 3600);
            }

            foreach (var item in Items(Obj(projection, "downwardAPI"), "items"))
            {
                DefaultFieldRef(Obj(item, "fieldRef"));
            }
        }
    }

    private static void CopyLimitsToRequests(JsonObject container)
    {
        if (Obj(Obj(container, "resources"), "limits") is not { Count: > 0 } limits)
        {
            return;
        }

        var requests = Ensure(Obj(container, "resources")!, "requests");
        foreach (var (name, value) in limits)
        {
            if (requests[name] is null && value is not null)
            {
                requests[name] = value.DeepClone();
            }
        }
    }

    private static void DefaultIfZero(JsonObject obj, string key, int value)
    {
        if ((Long(obj, key) ?? 0) == 0)
        {
            obj[key] = value;
        }
    }
}
