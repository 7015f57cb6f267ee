using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>PersistentVolumeClaims: Filesystem volumes by default, born Pending; access modes required.</summary>
public sealed class PersistentVolumeClaimAdmission : KindAdmission
{
    private static readonly string[] AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

    public PersistentVolumeClaimAdmission()
        : base(string.Empty, "persistentvolumeclaims")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        FillString(Ensure(obj, "spec"), "volumeMode", "Filesystem");
        FillString(Ensure(obj, "status"), "phase", "Pending");
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        var modes = Arr(spec, "accessModes");
        if (modes is not { Count: > 0 })
        {
            errors.Add(FieldError.Required("spec.accessModes", "at least 1 access mode is required"));
        }

        foreach (var (mode, i) in (modes ?? []).Select((m, i) => (m is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty, i)))
        {
            if (!AccessModes.Contains(mode))
            {
                errors.Add(FieldError.NotSupported("spec.accessModes", mode, AccessModes));
            }
        }

        if (Obj(Obj(spec, "resources"), "requests")?["storage"] is null)
        {
            errors.Add(FieldError.Required("spec.resources[storage]"));
        }
    }
}
