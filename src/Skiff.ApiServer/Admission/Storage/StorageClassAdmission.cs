using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Storage;

/// <summary>StorageClasses: volumes are deleted with their claims and bound immediately unless the class says otherwise.</summary>
public sealed class StorageClassAdmission : KindAdmission
{
    private static readonly string[] ReclaimPolicies = ["Delete", "Retain"];
    private static readonly string[] BindingModes = ["Immediate", "WaitForFirstConsumer"];

    public StorageClassAdmission()
        : base("storage.k8s.io", "storageclasses")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        FillString(obj, "reclaimPolicy", "Delete");
        FillString(obj, "volumeBindingMode", "Immediate");
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        if (Str(obj, "provisioner").Length == 0)
        {
            errors.Add(FieldError.Required("provisioner"));
        }

        if (!ReclaimPolicies.Contains(Str(obj, "reclaimPolicy")))
        {
            errors.Add(FieldError.NotSupported("reclaimPolicy", Str(obj, "reclaimPolicy"), ReclaimPolicies));
        }

        if (!BindingModes.Contains(Str(obj, "volumeBindingMode")))
        {
            errors.Add(FieldError.NotSupported("volumeBindingMode", Str(obj, "volumeBindingMode"), BindingModes));
        }
    }
}
