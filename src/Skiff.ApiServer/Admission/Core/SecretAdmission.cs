using System.Text;
using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>
/// Secrets: type Opaque by default, stringData folded into data (upstream does this when it decodes v1, so
/// stringData is never stored), per-type required keys, the 1 MiB limit, and immutability rules.
/// </summary>
public sealed class SecretAdmission : KindAdmission
{
    public SecretAdmission()
        : base(string.Empty, "secrets")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        FillString(obj, "type", "Opaque");
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = Ensure(obj, "data");
            foreach (var (key, value) in stringData)
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }
        }

        obj.Remove("stringData");
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var data = Obj(obj, "data");
        var total = ConfigKeys.CheckMap(data, "data", base64: true, errors);
        if (total > ConfigKeys.MaxTotalBytes)
        {
            errors.Add(FieldError.TooLong("data", string.Empty, ConfigKeys.MaxTotalBytes));
        }

        bool Has(string key) => data?.ContainsKey(key) == true;
        switch (Str(obj, "type"))
        {
            case "kubernetes.io/service-account-token":
                if (Str(Obj(Obj(obj, "metadata"), "annotations"), "kubernetes.io/service-account.name").Length == 0)
                {
                    errors.Add(FieldError.Required("metadata.annotations[kubernetes.io/service-account.name]"));
                }

                break;
            case "kubernetes.io/dockercfg" when !Has(".dockercfg"):
                errors.Add(FieldError.Required("data[.dockercfg]"));
                break;
            case "kubernetes.io/dockerconfigjson" when !Has(".dockerconfigjson"):
                errors.Add(FieldError.Required("data[.dockerconfigjson]"));
                break;
            case "kubernetes.io/basic-auth" when !Has("username") && !Has("password"):
                errors.Add(FieldError.Required("data[username]"));
                errors.Add(FieldError.Required("data[password]"));
                break;
            case "kubernetes.io/ssh-auth" when Str(data, "ssh-privatekey").Length == 0:
                errors.Add(FieldError.Required("data[ssh-privatekey]"));
                break;
            case "kubernetes.io/tls":
                if (!Has("tls.crt"))
                {
                    errors.Add(FieldError.Required("data[tls.crt]"));
                }

                if (!Has("tls.key"))
                {
                    errors.Add(FieldError.Required("data[tls.key]"));
                }

                break;
        }
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var type = Str(obj, "type");
        if (type != Str(old, "type"))
        {
            errors.Add(FieldError.Invalid("type", type, "field is immutable"));
        }

        if (Bool(old, "immutable") != true)
        {
            return;
        }

        if (Bool(obj, "immutable") != true)
        {
            errors.Add(FieldError.Forbidden("immutable", "field is immutable when `immutable` is set"));
        }

        if (!ConfigKeys.SameData(obj["data"], old["data"]))
        {
            errors.Add(FieldError.Forbidden("data", "field is immutable when `immutable` is set"));
        }
    }
}
