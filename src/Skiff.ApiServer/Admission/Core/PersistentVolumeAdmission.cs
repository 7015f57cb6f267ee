using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>PersistentVolumes: Retain and Filesystem by default, born Pending.</summary>
public sealed class PersistentVolumeAdmission : KindAdmission
{
    public PersistentVolumeAdmission()
        : base(string.Empty, "persistentvolumes")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        FillString(spec, "persistentVolumeReclaimPolicy", "Retain");
        FillString(spec, "volumeMode", "Filesystem");
        FillString(Ensure(obj, "status"), "phase", "Pending");
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
    }
}
