using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.Admission.ServiceAccounts;

/// <summary>
/// Upstream's ServiceAccount admission plugin for new pods: the account defaults to "default", and unless the pod
/// or its account opts out, a kube-api-access-xxxxx projected volume (token, cluster CA, namespace) is mounted at
/// /var/run/secrets/kubernetes.io/serviceaccount in every container, which is where in-cluster clients look.
/// </summary>
public sealed class ServiceAccountAdmission : IAsyncAdmission
{
    public const string MountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
    public const string VolumePrefix = "kube-api-access-";

    // Upstream draws the suffix from this alphabet (no vowels, no look-alike digits) so names never spell words.
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Upstream asks for 3607 s: a little over an hour marks the tokens its admission made.</summary>
    private const long TokenExpirationSeconds = 3607;

    private readonly Registries _registries;
    private readonly ResourceInfo _accounts;
    private readonly FreshReads _reads;

    /// <param name="reads">Where accounts are read (the watch cache, as upstream's lister); the store when null.</param>
    public ServiceAccountAdmission(Registries registries, ResourceCatalog catalog, FreshReads? reads = null)
    {
        _registries = registries;
        _reads = reads ?? new FreshReads(null);
        _accounts = catalog.Find(string.Empty, "v1", "serviceaccounts") ?? throw new InvalidOperationException("serviceaccounts missing from the catalog");
    }

    public async Task AdmitCreateAsync(ResourceInfo resource, JsonObject obj, CancellationToken ct)
    {
        if (resource.Group.Length != 0 || resource.Resource != "pods" || obj["spec"] is not JsonObject spec || IsMirror(obj))
        {
            return;
        }

        var account = JsonFields.Str(spec, "serviceAccountName");
        if (account.Length == 0)
        {
            account = JsonFields.Str(spec, "serviceAccount");
        }

        if (account.Length == 0)
        {
            account = "default";
        }

        spec["serviceAccountName"] = account;
        spec["serviceAccount"] = account;
        if (!await ShouldMountAsync(spec, Json.Namespace(obj), account, ct).ConfigureAwait(false))
        {
            return;
        }

        var containers = Containers(spec).Where(c => !MountsTokenPath(c)).ToList();
        if (containers.Count == 0)
        {
            return;
        }

        var volumeName = VolumePrefix + Suffix();
        if (spec["volumes"] is not JsonArray volumes)
        {
            volumes = [];
            spec["volumes"] = volumes;
        }

        volumes.Add(Volume(volumeName));
        foreach (var container in containers)
        {
            if (container["volumeMounts"] is not JsonArray mounts)
            {
                mounts = [];
                container["volumeMounts"] = mounts;
            }

            mounts.Add(new JsonObject { ["name"] = volumeName, ["readOnly"] = true, ["mountPath"] = MountPath });
        }
    }

    private async Task<bool> ShouldMountAsync(JsonObject spec, string ns, string account, CancellationToken ct)
    {
        if (spec["automountServiceAccountToken"] is JsonValue podChoice && podChoice.TryGetValue<bool>(out var fromPod))
        {
            return fromPod;
        }

        // A missing account does not block the pod here (upstream refuses it); the kubelet's token request will
        // wait for the account, which the service account controller creates moments after the namespace.
        var stored = await _reads.GetAsync(_registries.For(_accounts), ns, account, ct).ConfigureAwait(false);
        return stored?["automountServiceAccountToken"] is not JsonValue accountChoice
            || !accountChoice.TryGetValue<bool>(out var fromAccount)
            || fromAccount;
    }

    private static bool IsMirror(JsonObject pod) =>
        pod["metadata"]?["annotations"] is JsonObject annotations && annotations.ContainsKey("kubernetes.io/config.mirror");

    private static IEnumerable<JsonObject> Containers(JsonObject spec) =>
        new[] { "initContainers", "containers" }
            .SelectMany(key => spec[key] as JsonArray ?? [])
            .OfType<JsonObject>();

    private static bool MountsTokenPath(JsonObject container) =>
        (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>().Any(m => JsonFields.Str(m, "mountPath") == MountPath);

    private static string Suffix() => string.Create(5, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = SuffixAlphabet[RandomNumberGenerator.GetInt32(SuffixAlphabet.Length)];
        }
    });

    private static JsonObject Volume(string name) => new()
    {
        ["name"] = name,
        ["projected"] = new JsonObject
        {
            ["sources"] = new JsonArray(
                new JsonObject { ["serviceAccountToken"] = new JsonObject { ["expirationSeconds"] = TokenExpirationSeconds, ["path"] = "token" } },
                new JsonObject
                {
                    ["configMap"] = new JsonObject
                    {
                        ["name"] = "kube-root-ca.crt",
                        ["items"] = new JsonArray(new JsonObject { ["key"] = "ca.crt", ["path"] = "ca.crt" }),
                    },
                },
                new JsonObject
                {
                    ["downwardAPI"] = new JsonObject
                    {
                        ["items"] = new JsonArray(new JsonObject
                        {
                            ["path"] = "namespace",
                            ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.namespace" },
                        }),
                    },
                }),
            ["defaultMode"] = 420,
        },
    };
}
