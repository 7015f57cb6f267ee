using System.Text.Json.Nodes;
using Skiff.Api.Catalog;

namespace Skiff.ApiServer.Discovery;

/// <summary>
/// The discovery documents kubectl reads before every command: the legacy per-group-version lists and the
/// aggregated (apidiscovery.k8s.io v2 / v2beta1) form that answers everything in two requests.
/// </summary>
public sealed class DiscoveryDocuments
{
    private readonly ResourceCatalog _catalog;

    public DiscoveryDocuments(ResourceCatalog catalog)
    {
        _catalog = catalog;
    }

    public JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var g in _catalog.Groups())
        {
            groups.Add(Group(g));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public JsonObject? Group(string name)
    {
        var g = _catalog.Groups().FirstOrDefault(x => x.Name == name);
        if (g is null)
        {
            return null;
        }

        var doc = Group(g);
        doc["kind"] = "APIGroup";
        doc["apiVersion"] = "v1";
        return doc;
    }

    public JsonObject? ResourceList(string group, string version)
    {
        var resources = _catalog.InGroupVersion(group, version);
        if (resources.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var r in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = r.Resource,
                ["singularName"] = r.SingularName,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(r.Verbs),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }

            list.Add(entry);
            foreach (var s in r.Subresources)
            {
                var sub = new JsonObject
                {
                    ["name"] = $"{r.Resource}/{s.Name}",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = r.Namespaced,
                };
                if (s.Group is not null)
                {
                    sub["group"] = s.Group;
                    sub["version"] = s.Version;
                }

                sub["kind"] = s.Kind;
                sub["verbs"] = Strings(s.Verbs);
                list.Add(sub);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    /// <summary>The aggregated document for /api (core) or /apis (every named group).</summary>
    public JsonObject Aggregated(bool core, string discoveryVersion)
    {
        var items = new JsonArray();
        if (core)
        {
            items.Add(AggregatedGroup(string.Empty, ["v1"]));
        }
        else
        {
            foreach (var g in _catalog.Groups())
            {
                items.Add(AggregatedGroup(g.Name, g.Versions));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = $"apidiscovery.k8s.io/{discoveryVersion}",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private JsonObject AggregatedGroup(string group, IReadOnlyList<string> versions)
    {
        var versionList = new JsonArray();
        foreach (var version in versions)
        {
            var resources = new JsonArray();
            foreach (var r in _catalog.InGroupVersion(group, version))
            {
                var entry = new JsonObject
                {
                    ["resource"] = r.Resource,
                    ["responseKind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
                    ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
                    ["singularResource"] = r.SingularName,
                    ["verbs"] = Strings(r.Verbs),
                };
                if (r.ShortNames.Count > 0)
                {
                    entry["shortNames"] = Strings(r.ShortNames);
                }

                if (r.Categories.Count > 0)
                {
                    entry["categories"] = Strings(r.Categories);
                }

                if (r.Subresources.Count > 0)
                {
                    var subs = new JsonArray();
                    foreach (var s in r.Subresources)
                    {
                        subs.Add(new JsonObject
                        {
                            ["subresource"] = s.Name,
                            ["responseKind"] = new JsonObject { ["group"] = s.Group ?? r.Group, ["version"] = s.Version ?? r.Version, ["kind"] = s.Kind },
                            ["verbs"] = Strings(s.Verbs),
                        });
                    }

                    entry["subresources"] = subs;
                }

                resources.Add(entry);
            }

            versionList.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
            ["versions"] = versionList,
        };
    }

    private static JsonObject Group(ApiGroupInfo g)
    {
        var versions = new JsonArray();
        foreach (var v in g.Versions)
        {
            versions.Add(new JsonObject { ["groupVersion"] = $"{g.Name}/{v}", ["version"] = v });
        }

        return new JsonObject
        {
            ["name"] = g.Name,
            ["versions"] = versions,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = g.PreferredGroupVersion, ["version"] = g.PreferredVersion },
        };
    }

    private static JsonArray Strings(IEnumerable<string> values)
    {
        var a = new JsonArray();
        foreach (var v in values)
        {
            a.Add(v);
        }

        return a;
    }
}
