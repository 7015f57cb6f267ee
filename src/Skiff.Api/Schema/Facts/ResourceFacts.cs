using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the resource/v1, resource/v1alpha3, resource/v1beta1, resource/v1beta2 types, as upstream declares them.</summary>
internal static class ResourceFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.MapList<V1AllocatedDeviceStatus>("conditions", ["type"]);

        t.AtomicList<V1CapacityRequestPolicy>("validValues");

        t.AtomicList<V1Device>("bindingConditions");
        t.AtomicList<V1Device>("bindingFailureConditions");
        t.AtomicList<V1Device>("consumesCounters");
        t.AtomicList<V1Device>("taints");

        t.AtomicList<V1DeviceAllocationConfiguration>("requests");

        t.AtomicList<V1DeviceAllocationResult>("config");
        t.AtomicList<V1DeviceAllocationResult>("results");

        t.AtomicList<V1DeviceAttribute>("bools");
        t.AtomicList<V1DeviceAttribute>("ints");
        t.AtomicList<V1DeviceAttribute>("strings");
        t.AtomicList<V1DeviceAttribute>("versions");

        t.AtomicList<V1DeviceClaim>("config");
        t.AtomicList<V1DeviceClaim>("constraints");
        t.AtomicList<V1DeviceClaim>("requests");

        t.AtomicList<V1DeviceClaimConfiguration>("requests");

        t.AtomicList<V1DeviceClassSpec>("config");
        t.AtomicList<V1DeviceClassSpec>("selectors");

        t.AtomicList<V1DeviceConstraint>("requests");

        t.AtomicList<V1DeviceRequest>("firstAvailable");

        t.AtomicList<V1DeviceRequestAllocationResult>("bindingConditions");
        t.AtomicList<V1DeviceRequestAllocationResult>("bindingFailureConditions");
        t.SetList<V1DeviceRequestAllocationResult>("skipNodeOperations");
        t.AtomicList<V1DeviceRequestAllocationResult>("tolerations");

        t.AtomicList<V1DeviceSubRequest>("selectors");
        t.AtomicList<V1DeviceSubRequest>("tolerations");

        t.MapList<V1DeviceTaintRuleStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicList<V1ExactDeviceRequest>("selectors");
        t.AtomicList<V1ExactDeviceRequest>("tolerations");

        t.AtomicList<V1NetworkDeviceData>("ips");

        t.MapList<V1ResourceClaimStatus>("devices", ["driver", "device", "pool", "shareID"]);
        t.MapList<V1ResourceClaimStatus>("reservedFor", ["uid"], patch: Merge, mergeKey: "uid");

        t.AtomicList<V1ResourceSliceSpec>("devices");
        t.AtomicList<V1ResourceSliceSpec>("sharedCounters");
        t.SetList<V1ResourceSliceSpec>("skipNodeOperations");

        t.MapList<V1alpha3DeviceTaintRuleStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicList<V1alpha3PoolStatus>("partitionSummary");

        t.MapList<V1alpha3ResourcePoolStatusRequestStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
        t.AtomicList<V1alpha3ResourcePoolStatusRequestStatus>("pools");

        t.AtomicList<V1alpha3ShareableSummaryStatus>("capacity");

        t.MapList<V1beta1AllocatedDeviceStatus>("conditions", ["type"]);

        t.AtomicList<V1beta1BasicDevice>("bindingConditions");
        t.AtomicList<V1beta1BasicDevice>("bindingFailureConditions");
        t.AtomicList<V1beta1BasicDevice>("consumesCounters");
        t.AtomicList<V1beta1BasicDevice>("taints");

        t.AtomicList<V1beta1CapacityRequestPolicy>("validValues");

        t.AtomicList<V1beta1DeviceAllocationConfiguration>("requests");

        t.AtomicList<V1beta1DeviceAllocationResult>("config");
        t.AtomicList<V1beta1DeviceAllocationResult>("results");

        t.AtomicList<V1beta1DeviceAttribute>("bools");
        t.AtomicList<V1beta1DeviceAttribute>("ints");
        t.AtomicList<V1beta1DeviceAttribute>("strings");
        t.AtomicList<V1beta1DeviceAttribute>("versions");

        t.AtomicList<V1beta1DeviceClaim>("config");
        t.AtomicList<V1beta1DeviceClaim>("constraints");
        t.AtomicList<V1beta1DeviceClaim>("requests");

        t.AtomicList<V1beta1DeviceClaimConfiguration>("requests");

        t.AtomicList<V1beta1DeviceClassSpec>("config");
        t.AtomicList<V1beta1DeviceClassSpec>("selectors");

        t.AtomicList<V1beta1DeviceConstraint>("requests");

        t.AtomicList<V1beta1DeviceRequest>("firstAvailable");
        t.AtomicList<V1beta1DeviceRequest>("selectors");
        t.AtomicList<V1beta1DeviceRequest>("tolerations");

        t.AtomicList<V1beta1DeviceRequestAllocationResult>("bindingConditions");
        t.AtomicList<V1beta1DeviceRequestAllocationResult>("bindingFailureConditions");
        t.SetList<V1beta1DeviceRequestAllocationResult>("skipNodeOperations");
        t.AtomicList<V1beta1DeviceRequestAllocationResult>("tolerations");

        t.AtomicList<V1beta1DeviceSubRequest>("selectors");
        t.AtomicList<V1beta1DeviceSubRequest>("tolerations");

        t.AtomicList<V1beta1NetworkDeviceData>("ips");

        t.MapList<V1beta1ResourceClaimStatus>("devices", ["driver", "device", "pool", "shareID"]);
        t.MapList<V1beta1ResourceClaimStatus>("reservedFor", ["uid"], patch: Merge, mergeKey: "uid");

        t.AtomicList<V1beta1ResourceSliceSpec>("devices");
        t.AtomicList<V1beta1ResourceSliceSpec>("sharedCounters");
        t.SetList<V1beta1ResourceSliceSpec>("skipNodeOperations");

        t.MapList<V1beta2AllocatedDeviceStatus>("conditions", ["type"]);

        t.AtomicList<V1beta2CapacityRequestPolicy>("validValues");

        t.AtomicList<V1beta2Device>("bindingConditions");
        t.AtomicList<V1beta2Device>("bindingFailureConditions");
        t.AtomicList<V1beta2Device>("consumesCounters");
        t.AtomicList<V1beta2Device>("taints");

        t.AtomicList<V1beta2DeviceAllocationConfiguration>("requests");

        t.AtomicList<V1beta2DeviceAllocationResult>("config");
        t.AtomicList<V1beta2DeviceAllocationResult>("results");

        t.AtomicList<V1beta2DeviceAttribute>("bools");
        t.AtomicList<V1beta2DeviceAttribute>("ints");
        t.AtomicList<V1beta2DeviceAttribute>("strings");
        t.AtomicList<V1beta2DeviceAttribute>("versions");

        t.AtomicList<V1beta2DeviceClaim>("config");
        t.AtomicList<V1beta2DeviceClaim>("constraints");
        t.AtomicList<V1beta2DeviceClaim>("requests");

        t.AtomicList<V1beta2DeviceClaimConfiguration>("requests");

        t.AtomicList<V1beta2DeviceClassSpec>("config");
        t.AtomicList<V1beta2DeviceClassSpec>("selectors");

        t.AtomicList<V1beta2DeviceConstraint>("requests");

        t.AtomicList<V1beta2DeviceRequest>("firstAvailable");

        t.AtomicList<V1beta2DeviceRequestAllocationResult>("bindingConditions");
        t.AtomicList<V1beta2DeviceRequestAllocationResult>("bindingFailureConditions");
        t.SetList<V1beta2DeviceRequestAllocationResult>("skipNodeOperations");
        t.AtomicList<V1beta2DeviceRequestAllocationResult>("tolerations");

        t.AtomicList<V1beta2DeviceSubRequest>("selectors");
        t.AtomicList<V1beta2DeviceSubRequest>("tolerations");

        t.MapList<V1beta2DeviceTaintRuleStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicList<V1beta2ExactDeviceRequest>("selectors");
        t.AtomicList<V1beta2ExactDeviceRequest>("tolerations");

        t.AtomicList<V1beta2NetworkDeviceData>("ips");

        t.MapList<V1beta2ResourceClaimStatus>("devices", ["driver", "device", "pool", "shareID"]);
        t.MapList<V1beta2ResourceClaimStatus>("reservedFor", ["uid"], patch: Merge, mergeKey: "uid");

        t.AtomicList<V1beta2ResourceSliceSpec>("devices");
        t.AtomicList<V1beta2ResourceSliceSpec>("sharedCounters");
        t.SetList<V1beta2ResourceSliceSpec>("skipNodeOperations");
    }
}
