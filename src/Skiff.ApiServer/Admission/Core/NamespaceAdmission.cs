using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>Namespaces always carry their own name as the kubernetes.io/metadata.name label, as upstream sets it.</summary>
public sealed class NamespaceAdmission : KindAdmission
{
    public const string NameLabel = "kubernetes.io/metadata.name";

    public NamespaceAdmission()
        : base(string.Empty, "namespaces")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var meta = Ensure(obj, "metadata");
        var name = Str(meta, "name");
        if (name.Length > 0)
        {
            Ensure(meta, "labels")[NameLabel] = name;
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        foreach (var (finalizer, i) in (Arr(Obj(obj, "spec"), "finalizers") ?? []).Select((f, i) => (f, i)))
        {
            var value = finalizer is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
            errors.AddRange(NameValidation.IsQualifiedName(value).Select(m => FieldError.Invalid($"spec.finalizers[{i}]", value, m)));
        }
    }
}
