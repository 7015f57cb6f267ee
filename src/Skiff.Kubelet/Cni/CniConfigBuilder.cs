using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.Kubelet.Cni;

/// <summary>
/// Builds the network configuration list containerd's CRI plugin hands to the CNI plugins from
/// Debian's containernetworking-plugins: bridge with host-local addresses, portmap for hostPort, and loopback.
/// </summary>
internal static class CniConfigBuilder
{
    // Debian bookworm ships plugins 1.1.1 and containerd 1.6 vendors libcni 1.1; both speak spec 1.0.0.
    public const string CniVersion = "1.0.0";

    public static JsonObject Build(CniNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateBridgeName(options.BridgeName);
        var ipv6 = options.PodCidr.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
        if (options.PodCidr.PrefixLength > (ipv6 ? 126 : 30))
        {
            throw new ArgumentException($"pod CIDR {options.PodCidr} is too small to hold a gateway and pods", nameof(options));
        }

        var bridge = new JsonObject
        {
            ["type"] = "bridge",
            ["bridge"] = options.BridgeName,
            // The bridge takes the subnet's first address and is every pod's default gateway. The plugin's
            // own ipMasq adds and removes an iptables chain per sandbox, the bulk of a pod start under load;
            // the kubelet sets one node-wide masquerade instead (PodMasquerade), as flannel and k3s do.
            ["isGateway"] = true,
            ["ipMasq"] = false,
            ["hairpinMode"] = true,
            ["ipam"] = new JsonObject
            {
                ["type"] = "host-local",
                ["dataDir"] = options.IpamDataDir,
                ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = options.PodCidr.ToString() })),
                ["routes"] = new JsonArray(new JsonObject { ["dst"] = ipv6 ? "::/0" : "0.0.0.0/0" }),
            },
        };
        if (options.Mtu > 0)
        {
            bridge["mtu"] = options.Mtu;
        }

        return new JsonObject
        {
            ["cniVersion"] = CniVersion,
            ["name"] = options.NetworkName,
            ["plugins"] = new JsonArray(
                bridge,
                new JsonObject
                {
                    ["type"] = "portmap",
                    ["capabilities"] = new JsonObject { ["portMappings"] = true },
                    // Without snat, a pod cannot reach its own hostPort through the node's address.
                    ["snat"] = true,
                },
                new JsonObject { ["type"] = "loopback" }),
        };
    }

    public static string Render(CniNetworkOptions options) =>
        Build(options).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static void ValidateBridgeName(string name)
    {
        // Linux interface names: at most 15 bytes, no slash or whitespace.
        if (string.IsNullOrEmpty(name) || name.Length > 15 || name.Any(c => c == '/' || char.IsWhiteSpace(c) || c > 127))
        {
            throw new ArgumentException($"\"{name}\" is not a valid Linux bridge name", nameof(name));
        }
    }
}
