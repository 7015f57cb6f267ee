using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>ConfigMaps: key syntax, the 1 MiB limit, and no changes to data once <c>immutable</c> is set.</summary>
public sealed class ConfigMapAdmission : KindAdmission
{
    public ConfigMapAdmission()
        : base(string.Empty, "configmaps")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var data = Obj(obj, "data");
        var binary = Obj(obj, "binaryData");
        var total = ConfigKeys.CheckMap(data, "data", base64: false, errors);
        total += ConfigKeys.CheckMap(binary, "binaryData", base64: true, errors);
        foreach (var (key, _) in binary ?? [])
        {
            if (data?.ContainsKey(key) == true)
            {
                errors.Add(FieldError.Invalid($"binaryData[{key}]", key, "duplicate of key present in data"));
            }
        }

        if (total > ConfigKeys.MaxTotalBytes)
        {
            // Upstream reports the size against the whole object, with an empty field path.
            errors.Add(FieldError.TooLong(string.Empty, string.Empty, ConfigKeys.MaxTotalBytes));
        }
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        if (Bool(old, "immutable") != true)
        {
            return;
        }

        if (Bool(obj, "immutable") != true)
        {
            errors.Add(FieldError.Forbidden("immutable", "field is immutable when `immutable` is set"));
        }

        foreach (var field in (string[])["data", "binaryData"])
        {
            if (!ConfigKeys.SameData(obj[field], old[field]))
            {
                errors.Add(FieldError.Forbidden(field, "field is immutable when `immutable` is set"));
            }
        }
    }
}
