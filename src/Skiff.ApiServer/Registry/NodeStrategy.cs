using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// A kubelet registers its Node with status (capacity, conditions, addresses) in one create, so unlike most kinds with
/// a status subresource, upstream keeps the status a Node is created with.
/// </summary>
public sealed class NodeStrategy : GenericStrategy
{
    public NodeStrategy()
        : base(tracksGeneration: false, hasStatusSubresource: true)
    {
    }

    public override void PrepareForCreate(JsonObject obj)
    {
    }
}
