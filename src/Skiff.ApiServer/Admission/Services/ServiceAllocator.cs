using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.Errors;
using Skiff.Storage;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Services;

/// <summary>
/// Hands out Service cluster IPs from the service CIDR and node ports from 30000-32767, honouring values the
/// user asked for, with upstream's messages when one is taken, out of range, or nothing is left. The state
/// lives in the store under /registry/ranges/, as upstream keeps it.
/// </summary>
public sealed class ServiceAllocator
{
    public const string ServiceIpsKey = "/registry/ranges/serviceips";
    public const string NodePortsKey = "/registry/ranges/servicenodeports";
    public const int NodePortBase = 30000;
    public const int NodePortCount = 2768;

    private readonly BitmapAllocator _ips;
    private readonly BitmapAllocator _ports;

    public ServiceAllocator(IStore store, string serviceCidr)
    {
        Range = Ipv4Range.Parse(serviceCidr);

        // The first address is the kubernetes Service's; it is only ever handed out when asked for by value.
        _ips = new BitmapAllocator(store, ServiceIpsKey, Range.Cidr, Range.Size, firstDynamic: 1);
        _ports = new BitmapAllocator(store, NodePortsKey, $"{NodePortBase}-{NodePortBase + NodePortCount - 1}", NodePortCount);
    }

    public Ipv4Range Range { get; }

    /// <summary>The address of the kubernetes Service.</summary>
    public string FirstAddress => Range.AddressAt(0);

    /// <summary>
    /// Fills in and takes the cluster IP and node ports <paramref name="service"/> needs, except those
    /// <paramref name="live"/> already holds. Returns what was newly taken; on failure takes nothing.
    /// </summary>
    public async Task<IReadOnlyList<ServiceAllocation>> AllocateAsync(JsonObject service, JsonObject? live, bool dryRun, CancellationToken ct)
    {
        var held = live is null ? [] : Held(live).ToHashSet();
        var taken = new List<ServiceAllocation>();
        try
        {
            var spec = Ensure(service, "spec");
            var type = Str(spec, "type");
            if (type != "ExternalName" && Str(spec, "clusterIP") != "None")
            {
                await AllocateClusterIpAsync(service, spec, held, taken, dryRun, ct).ConfigureAwait(false);
            }

            if (type is "NodePort" or "LoadBalancer")
            {
                var all = type == "NodePort" || Bool(spec, "allocateLoadBalancerNodePorts") != false;
                await AllocateNodePortsAsync(service, spec, all, held, taken, dryRun, ct).ConfigureAwait(false);
            }

            if (type == "LoadBalancer" && Str(spec, "externalTrafficPolicy") == "Local")
            {
                await AllocateHealthCheckPortAsync(service, spec, held, taken, dryRun, ct).ConfigureAwait(false);
            }

            return taken;
        }
        catch when (!dryRun)
        {
            await ReleaseAsync(taken, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async Task ReleaseAsync(IEnumerable<ServiceAllocation> allocations, CancellationToken ct)
    {
        var list = allocations.ToList();
        await _ips.ReleaseAsync(list.Where(a => a.IsClusterIp).Select(a => a.Value).ToList(), ct).ConfigureAwait(false);
        await _ports.ReleaseAsync(list.Where(a => !a.IsClusterIp).Select(a => a.Value - NodePortBase).ToList(), ct).ConfigureAwait(false);
    }

    /// <summary>Marks what live Services hold, for state written before allocation existed or lost with a range change.</summary>
    public async Task RepairAsync(IEnumerable<JsonObject> services, CancellationToken ct)
    {
        var held = services.SelectMany(Held).ToList();
        await _ips.MarkAsync(held.Where(a => a.IsClusterIp).Select(a => a.Value).ToList(), ct).ConfigureAwait(false);
        await _ports.MarkAsync(held.Where(a => !a.IsClusterIp).Select(a => a.Value - NodePortBase).ToList(), ct).ConfigureAwait(false);
    }

    /// <summary>What a stored Service holds from the ranges.</summary>
    public IEnumerable<ServiceAllocation> Held(JsonObject service)
    {
        var spec = Obj(service, "spec");
        if (Str(spec, "type") != "ExternalName" && Range.OffsetOf(Str(spec, "clusterIP")) is { } offset)
        {
            yield return new ServiceAllocation(true, offset);
        }

        foreach (var port in Items(spec, "ports").Select(p => Long(p, "nodePort") ?? 0).Append(Long(spec, "healthCheckNodePort") ?? 0).Distinct())
        {
            if (port >= NodePortBase && port < NodePortBase + NodePortCount)
            {
                yield return new ServiceAllocation(false, (int)port);
            }
        }
    }

    private async Task AllocateClusterIpAsync(
        JsonObject service, JsonObject spec, HashSet<ServiceAllocation> held, List<ServiceAllocation> taken, bool dryRun, CancellationToken ct)
    {
        var requested = Str(spec, "clusterIP");
        if (requested.Length == 0)
        {
            int offset;
            try
            {
                offset = await _ips.AllocateNextAsync(dryRun, ct).ConfigureAwait(false);
            }
            catch (RangeFullException)
            {
                throw ApiErrors.Internal("failed to allocate a serviceIP: range is full");
            }

            taken.Add(new ServiceAllocation(true, offset));
            spec["clusterIP"] = Range.AddressAt(offset);
            spec["clusterIPs"] = new JsonArray(Range.AddressAt(offset));
            return;
        }

        if (Range.OffsetOf(requested) is not { } wanted)
        {
            throw Invalid(service, FieldError.Invalid("spec.clusterIPs", GoValue.StringSlice([requested]),
                $"failed to allocate IP {requested}: the provided IP ({requested}) is not in the valid range. The range of valid IPs is {Range.Cidr}"));
        }

        var allocation = new ServiceAllocation(true, wanted);
        if (held.Contains(allocation))
        {
            return;
        }

        if (!await _ips.TryAllocateAsync(wanted, dryRun, ct).ConfigureAwait(false))
        {
            throw Invalid(service, FieldError.Invalid("spec.clusterIPs", GoValue.StringSlice([requested]),
                $"failed to allocate IP {requested}: provided IP is already allocated"));
        }

        taken.Add(allocation);
    }

    private async Task AllocateNodePortsAsync(
        JsonObject service, JsonObject spec, bool fillMissing, HashSet<ServiceAllocation> held, List<ServiceAllocation> taken, bool dryRun, CancellationToken ct)
    {
        // Ports of one Service that share a port number (TCP and UDP 53) share a node port, as upstream does.
        var byPortNumber = new Dictionary<long, long>();
        var ports = Items(spec, "ports").ToList();
        for (var i = 0; i < ports.Count; i++)
        {
            var requested = Long(ports[i], "nodePort") ?? 0;
            if (requested != 0)
            {
                await TakePortAsync(service, requested, $"spec.ports[{i}].nodePort", held, taken, dryRun, ct).ConfigureAwait(false);
                byPortNumber.TryAdd(Long(ports[i], "port") ?? 0, requested);
            }
        }

        for (var i = 0; i < ports.Count && fillMissing; i++)
        {
            if ((Long(ports[i], "nodePort") ?? 0) != 0)
            {
                continue;
            }

            var number = Long(ports[i], "port") ?? 0;
            if (!byPortNumber.TryGetValue(number, out var nodePort))
            {
                nodePort = await NextPortAsync(taken, dryRun, ct).ConfigureAwait(false);
                byPortNumber[number] = nodePort;
            }

            ports[i]["nodePort"] = nodePort;
        }
    }

    private async Task AllocateHealthCheckPortAsync(
        JsonObject service, JsonObject spec, HashSet<ServiceAllocation> held, List<ServiceAllocation> taken, bool dryRun, CancellationToken ct)
    {
        var requested = Long(spec, "healthCheckNodePort") ?? 0;
        if (requested != 0)
        {
            await TakePortAsync(service, requested, "spec.healthCheckNodePort", held, taken, dryRun, ct).ConfigureAwait(false);
            return;
        }

        spec["healthCheckNodePort"] = await NextPortAsync(taken, dryRun, ct).ConfigureAwait(false);
    }

    private async Task TakePortAsync(
        JsonObject service, long port, string field, HashSet<ServiceAllocation> held, List<ServiceAllocation> taken, bool dryRun, CancellationToken ct)
    {
        if (port < NodePortBase || port >= NodePortBase + NodePortCount)
        {
            throw Invalid(service, FieldError.Invalid(field, port,
                $"provided port is not in the valid range. The range of valid ports is {NodePortBase}-{NodePortBase + NodePortCount - 1}"));
        }

        var allocation = new ServiceAllocation(false, (int)port);
        if (held.Contains(allocation) || taken.Contains(allocation))
        {
            return;
        }

        if (!await _ports.TryAllocateAsync((int)port - NodePortBase, dryRun, ct).ConfigureAwait(false))
        {
            throw Invalid(service, FieldError.Invalid(field, port, "provided port is already allocated"));
        }

        taken.Add(allocation);
    }

    private async Task<long> NextPortAsync(List<ServiceAllocation> taken, bool dryRun, CancellationToken ct)
    {
        try
        {
            var port = NodePortBase + await _ports.AllocateNextAsync(dryRun, ct).ConfigureAwait(false);
            taken.Add(new ServiceAllocation(false, port));
            return port;
        }
        catch (RangeFullException)
        {
            throw ApiErrors.Internal("failed to allocate a nodePort: range is full");
        }
    }

    private static ApiException Invalid(JsonObject service, FieldError error) =>
        ApiErrors.Invalid(string.Empty, "Service", Str(Obj(service, "metadata"), "name"), [new StatusCause(error.Reason, error.Message, error.Field)]);
}
