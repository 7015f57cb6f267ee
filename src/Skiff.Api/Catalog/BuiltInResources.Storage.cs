using k8s.Models;

namespace Skiff.Api.Catalog;

public static partial class BuiltInResources
{
    private static IReadOnlyList<ResourceInfo> Storage =>
    [
        Entry("storage.k8s.io", "v1", "csidrivers", "CSIDriver", false, typeof(V1CSIDriver)),
        Entry("storage.k8s.io", "v1", "csinodes", "CSINode", false, typeof(V1CSINode)),
        Entry("storage.k8s.io", "v1", "csistoragecapacities", "CSIStorageCapacity", true, typeof(V1CSIStorageCapacity)),
        Entry("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, typeof(V1StorageClass), ["sc"]),
        Entry(
            "storage.k8s.io", "v1", "volumeattachments", "VolumeAttachment", false, typeof(V1VolumeAttachment),
            subresources: [SubresourceInfo.Status("VolumeAttachment")]),
    ];

    private static IReadOnlyList<ResourceInfo> Scheduling =>
    [
        Entry("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, typeof(V1PriorityClass), ["pc"]),
    ];

    private static IReadOnlyList<ResourceInfo> Node =>
    [
        Entry("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false, typeof(V1RuntimeClass)),
    ];
}
