using System.Text.Json.Nodes;

namespace Skiff.ApiServer.OpenApi;

/// <summary>The value of an <c>x-kubernetes-group-version-kind</c> extension; group "" is the core group.</summary>
internal sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public JsonObject ToJson() => new() { ["group"] = Group, ["kind"] = Kind, ["version"] = Version };
}
