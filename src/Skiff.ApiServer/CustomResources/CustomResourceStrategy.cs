using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// Custom objects always track generation. With a status subresource, status is kept apart from the
/// main resource; without one, status is ordinary content and its changes move generation too, as upstream does.
/// </summary>
internal sealed class CustomResourceStrategy : GenericStrategy
{
    public CustomResourceStrategy(bool hasStatusSubresource)
        : base(tracksGeneration: true, hasStatusSubresource)
    {
    }

    public override bool SpecChanged(JsonObject desired, JsonObject live) =>
        base.SpecChanged(desired, live) || (!HasStatusSubresource && !JsonNode.DeepEquals(desired["status"], live["status"]));
}
