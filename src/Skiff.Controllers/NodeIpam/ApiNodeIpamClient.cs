using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Skiff.Controllers.NodeIpam;

internal sealed class ApiNodeIpamClient(IKubernetes client) : INodeIpamClient
{
    public async Task SetPodCidrAsync(string node, string cidr, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject { ["podCIDR"] = cidr, ["podCIDRs"] = new JsonArray(cidr) },
        };
        await client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), node, cancellationToken: ct).ConfigureAwait(false);
    }
}
