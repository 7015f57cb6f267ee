using System.Text.Json.Nodes;
using Skiff.ApiServer.Admission.Services;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// Services hold cluster IPs and node ports: taken before the write, given back when a write fails, when an
/// update drops them, and when the Service is deleted.
/// </summary>
public sealed class ServiceStrategy : GenericStrategy
{
    private readonly ServiceAllocator _allocator;

    public ServiceStrategy(ServiceAllocator allocator)
        : base(tracksGeneration: false, hasStatusSubresource: true)
    {
        _allocator = allocator;
    }

    /// <summary>A new Service starts with an empty load balancer status, which upstream always writes out.</summary>
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    public override void PrepareForUpdate(JsonObject desired, JsonObject live)
    {
        base.PrepareForUpdate(desired, live);
        ServiceUpdateCarryOver.Apply(desired, live);
    }

    public override Task BeforeWriteAsync(JsonObject desired, JsonObject? live, bool dryRun, CancellationToken ct) =>
        _allocator.AllocateAsync(desired, live, dryRun, ct);

    public override Task WriteFailedAsync(JsonObject desired, JsonObject? live, CancellationToken ct) =>
        _allocator.ReleaseAsync(_allocator.Held(desired).Except(live is null ? [] : _allocator.Held(live)), ct);

    public override Task AfterUpdateAsync(JsonObject desired, JsonObject live, CancellationToken ct) =>
        _allocator.ReleaseAsync(_allocator.Held(live).Except(_allocator.Held(desired)), ct);

    public override Task AfterDeleteAsync(JsonObject last, CancellationToken ct) =>
        _allocator.ReleaseAsync(_allocator.Held(last), ct);
}
