using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Volumes, claims and the storage group.</summary>
internal static class StoragePrinters
{
    private const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    public static readonly TablePrinter PersistentVolume = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Capacity", "string", ColumnDescriptions.PersistentVolumeSpecCapacity),
            new("Access Modes", "string", ColumnDescriptions.PersistentVolumeSpecAccessModes),
            new("Reclaim Policy", "string", ColumnDescriptions.PersistentVolumeSpecReclaimPolicy),
            new("Status", "string", ColumnDescriptions.PersistentVolumeStatusPhase),
            new("Claim", "string", ColumnDescriptions.PersistentVolumeSpecClaimRef),
            new("StorageClass", "string", "StorageClass of the pv"),
            new("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
            new("Reason", "string", ColumnDescriptions.PersistentVolumeStatusReason),
            TableColumn.Age,
            new("VolumeMode", "string", ColumnDescriptions.PersistentVolumeSpecVolumeMode, 1),
        ],
        (obj, now) =>
        {
            var spec = obj.Obj("spec");
            var claim = spec.Obj("claimRef") is { } c ? c.Str("namespace") + "/" + c.Str("name") : "";
            var phase = obj.Has("metadata", "deletionTimestamp") ? "Terminating" : obj.Str("status", "phase");
            return new JsonArray(Cells.Name(obj), spec.Quantity("capacity", "storage"), AccessModes(spec.Arr("accessModes")),
                spec.Str("persistentVolumeReclaimPolicy"), phase, claim, StorageClass(obj),
                spec.OptStr("volumeAttributesClassName") ?? "<unset>", obj.Str("status", "reason"), Cells.Age(obj, now),
                spec.OptStr("volumeMode") ?? "<unset>");
        });

    public static readonly TablePrinter PersistentVolumeClaim = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Status", "string", ColumnDescriptions.PersistentVolumeClaimStatusPhase),
            new("Volume", "string", ColumnDescriptions.PersistentVolumeClaimSpecVolumeName),
            new("Capacity", "string", ColumnDescriptions.PersistentVolumeClaimStatusCapacity),
            new("Access Modes", "string", ColumnDescriptions.PersistentVolumeClaimStatusAccessModes),
            new("StorageClass", "string", "StorageClass of the pvc"),
            new("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
            TableColumn.Age,
            new("VolumeMode", "string", ColumnDescriptions.PersistentVolumeClaimSpecVolumeMode, 1),
        ],
        (obj, now) =>
        {
            var spec = obj.Obj("spec");
            var phase = obj.Has("metadata", "deletionTimestamp") ? "Terminating" : obj.Str("status", "phase");
            var volume = spec.Str("volumeName");
            // Capacity and access modes are only meaningful once the claim is bound to a volume.
            var capacity = volume.Length > 0 ? obj.Quantity("status", "capacity", "storage") : "";
            var modes = volume.Length > 0 ? AccessModes(obj.Arr("status", "accessModes")) : "";
            return new JsonArray(Cells.Name(obj), phase, volume, capacity, modes, StorageClass(obj),
                spec.OptStr("volumeAttributesClassName") ?? "<unset>", Cells.Age(obj, now),
                spec.OptStr("volumeMode") ?? "<unset>");
        });

    public static readonly TablePrinter StorageClassPrinter = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Provisioner", "string", ColumnDescriptions.StorageClassProvisioner),
            new("ReclaimPolicy", "string", ColumnDescriptions.StorageClassReclaimPolicy),
            new("VolumeBindingMode", "string", ColumnDescriptions.StorageClassVolumeBindingMode),
            new("AllowVolumeExpansion", "string", ColumnDescriptions.StorageClassAllowVolumeExpansion),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var name = Cells.Name(obj);
            if (IsDefaultClass(obj))
            {
                name += " (default)";
            }
            return new JsonArray(name, obj.Str("provisioner"), obj.OptStr("reclaimPolicy") ?? "Delete",
                obj.OptStr("volumeBindingMode") ?? "Immediate", obj.Bool("allowVolumeExpansion"), Cells.Age(obj, now));
        });

    public static readonly TablePrinter VolumeAttributesClass = TablePrinter.Cells(
        [TableColumn.NameColumn, new("DriverName", "string", ColumnDescriptions.VolumeAttributesClassDriverName), TableColumn.Age],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Str("driverName"), Cells.Age(obj, now)));

    public static readonly TablePrinter VolumeAttachment = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Attacher", "string", ColumnDescriptions.VolumeAttachmentSpecAttacher, Format: "name"),
            new("PV", "string", ColumnDescriptions.VolumeAttachmentSourcePersistentVolumeName),
            new("Node", "string", ColumnDescriptions.VolumeAttachmentSpecNodeName),
            new("Attached", "boolean", ColumnDescriptions.VolumeAttachmentStatusAttached),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Str("spec", "attacher"),
            obj.Str("spec", "source", "persistentVolumeName"), obj.Str("spec", "nodeName"), obj.Bool("status", "attached"),
            Cells.Age(obj, now)));

    public static readonly TablePrinter CsiNode = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), (long)obj.Arr("spec", "drivers").Count, Cells.Age(obj, now)));

    public static readonly TablePrinter CsiDriver = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("AttachRequired", "boolean", ColumnDescriptions.CSIDriverSpecAttachRequired),
            new("PodInfoOnMount", "boolean", ColumnDescriptions.CSIDriverSpecPodInfoOnMount),
            new("StorageCapacity", "boolean", ColumnDescriptions.CSIDriverSpecStorageCapacity),
            new("TokenRequests", "string", ColumnDescriptions.CSIDriverSpecTokenRequests),
            new("RequiresRepublish", "boolean", ColumnDescriptions.CSIDriverSpecRequiresRepublish),
            new("Modes", "string", ColumnDescriptions.CSIDriverSpecVolumeLifecycleModes),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var spec = obj.Obj("spec");
            var tokens = spec.At("tokenRequests") is JsonArray requests
                ? string.Join(",", requests.Select(r => r.Str("audience")))
                : "<unset>";
            var modes = string.Join(",", spec.Arr("volumeLifecycleModes").Select(m => m.Str()));
            return new JsonArray(Cells.Name(obj), spec.OptBool("attachRequired") ?? true, spec.Bool("podInfoOnMount"),
                spec.Bool("storageCapacity"), tokens, spec.Bool("requiresRepublish"), Cells.OrNone(modes),
                Cells.Age(obj, now));
        });

    /// <summary>Access modes in upstream's short form and fixed order: RWO, ROX, RWX, RWOP.</summary>
    public static string AccessModes(IList<JsonNode?> modes)
    {
        var present = modes.Select(m => m.Str()).ToHashSet(StringComparer.Ordinal);
        var text = new List<string>();
        foreach (var (mode, abbreviation) in new[]
                 {
                     ("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP"),
                 })
        {
            if (present.Contains(mode))
            {
                text.Add(abbreviation);
            }
        }
        return string.Join(",", text);
    }

    // The beta annotation predates spec.storageClassName and still takes precedence.
    private static string StorageClass(JsonObject obj) =>
        obj.OptStr("metadata", "annotations", BetaStorageClassAnnotation) ?? obj.Str("spec", "storageClassName");

    private static bool IsDefaultClass(JsonObject obj) =>
        obj.OptStr("metadata", "annotations", "storageclass.kubernetes.io/is-default-class") == "true" ||
        obj.OptStr("metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class") == "true";
}
