using System.Text.Json.Nodes;

namespace Skiff.Api.Validation;

/// <summary>
/// Builds the 422 Status upstream answers when an object fails validation, with one cause per
/// field error.
/// </summary>
public static class InvalidStatus
{
    /// <summary>One Status cause: reason, message and field, in upstream's order; empty ones are omitted as upstream's omitempty does.</summary>
    public static JsonObject Cause(FieldError error)
    {
        var cause = new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message };
        if (error.Field.Length > 0)
        {
            cause["field"] = error.Field;
        }

        return cause;
    }

    /// <summary>"Pod" for the core group, "Deployment.apps" otherwise, as upstream names kinds in messages.</summary>
    public static string QualifiedKind(string group, string kind) => group.Length == 0 ? kind : $"{kind}.{group}";

    public static JsonObject Create(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)Cause(e))]);
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = FieldErrorList.InvalidMessage(QualifiedKind(group, kind), name, errors),
            ["reason"] = "Invalid",
            ["details"] = details,
            ["code"] = 422,
        };
    }
}
