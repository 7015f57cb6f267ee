using System.Text.Json.Nodes;

namespace Skiff.Api.Objects;

/// <summary>An entry of metadata.ownerReferences, read from and written to JSON in upstream's field order.</summary>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool? Controller = null, bool? BlockOwnerDeletion = null)
{
    public static OwnerReference FromJson(JsonObject json) => new(
        (string?)json["apiVersion"] ?? string.Empty,
        (string?)json["kind"] ?? string.Empty,
        (string?)json["name"] ?? string.Empty,
        (string?)json["uid"] ?? string.Empty,
        (bool?)json["controller"],
        (bool?)json["blockOwnerDeletion"]);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["name"] = Name,
            ["uid"] = Uid,
        };
        if (Controller is { } controller)
        {
            json["controller"] = controller;
        }

        if (BlockOwnerDeletion is { } block)
        {
            json["blockOwnerDeletion"] = block;
        }

        return json;
    }
}
