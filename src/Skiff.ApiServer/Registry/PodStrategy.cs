using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>Pods wait for their kubelet on delete, and start their life Pending.</summary>
public sealed class PodStrategy : GenericStrategy
{
    private const long DefaultGraceSeconds = 30;

    public PodStrategy()
        : base(tracksGeneration: false, hasStatusSubresource: true)
    {
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodQosClass.Of(obj) };
    }

    public override long GracePeriodSeconds(JsonObject live, long? requested)
    {
        // An unscheduled or finished pod has no kubelet to wait for, so upstream deletes it at once.
        var nodeName = Json.Str(live["spec"], "nodeName");
        var phase = Json.Str(live["status"], "phase");
        if (nodeName.Length == 0 || phase is "Succeeded" or "Failed")
        {
            return 0;
        }

        if (requested is { } r)
        {
            return Math.Max(0, r);
        }

        return live["spec"]?["terminationGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : DefaultGraceSeconds;
    }
}
