using System.Text.Json.Nodes;

namespace Skiff.Controllers.Dynamic;

/// <summary>
/// Reads /api, /apis and each group version's resource list, as upstream's discovery client does. A group version
/// that fails is recorded and skipped, so one broken group never hides the rest.
/// </summary>
public sealed class ResourceDiscovery(DynamicClient client) : IResourceDiscovery
{
    public async Task<DiscoveryResult> DiscoverAsync(CancellationToken ct)
    {
        var groupVersions = new List<(string Group, string Version)>();
        var core = await client.GetJsonAsync("/api", ct).ConfigureAwait(false);
        foreach (var v in core?["versions"] as JsonArray ?? [])
        {
            groupVersions.Add((string.Empty, v!.GetValue<string>()));
        }

        var groups = await client.GetJsonAsync("/apis", ct).ConfigureAwait(false);
        foreach (var group in groups?["groups"] as JsonArray ?? [])
        {
            var name = group?["name"]?.GetValue<string>() ?? string.Empty;
            var preferred = group?["preferredVersion"]?["version"]?.GetValue<string>();
            var versions = (group?["versions"] as JsonArray ?? []).Select(v => v?["version"]?.GetValue<string>() ?? string.Empty).Where(v => v.Length > 0).ToList();

            // The preferred version goes first so ServerPreferredResources semantics fall out of first-seen order.
            if (preferred is not null && versions.Remove(preferred))
            {
                versions.Insert(0, preferred);
            }

            groupVersions.AddRange(versions.Select(v => (name, v)));
        }

        var all = new List<ApiResource>();
        var preferredResources = new List<ApiResource>();
        var seen = new HashSet<(string, string)>();
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (group, version) in groupVersions)
        {
            var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            JsonObject? list;
            try
            {
                list = await client.GetJsonAsync(path, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException)
            {
                failed[group.Length == 0 ? version : $"{group}/{version}"] = e.Message;
                continue;
            }

            foreach (var resource in Parse(group, version, list))
            {
                all.Add(resource);
                if (seen.Add((group, resource.Plural)))
                {
                    preferredResources.Add(resource);
                }
            }
        }

        return new DiscoveryResult(all, preferredResources, failed);
    }

    private static IEnumerable<ApiResource> Parse(string group, string version, JsonObject? list)
    {
        foreach (var r in list?["resources"] as JsonArray ?? [])
        {
            var plural = r?["name"]?.GetValue<string>() ?? string.Empty;
            if (plural.Length == 0 || plural.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var verbs = (r?["verbs"] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? string.Empty).ToHashSet(StringComparer.Ordinal);
            yield return new ApiResource(group, version, plural, r?["kind"]?.GetValue<string>() ?? string.Empty, r?["namespaced"]?.GetValue<bool>() == true, verbs);
        }
    }
}
