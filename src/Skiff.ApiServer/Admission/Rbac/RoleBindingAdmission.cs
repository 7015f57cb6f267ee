using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Rbac;

/// <summary>
/// RoleBindings and ClusterRoleBindings: the RBAC group is defaulted into roleRef and into User and Group
/// subjects, as upstream's rbac/v1 defaults do; ServiceAccount subjects stay in the core group.
/// </summary>
public sealed class RoleBindingAdmission : KindAdmission
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    public RoleBindingAdmission(string resource)
        : base(RbacGroup, resource)
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        if (Obj(obj, "roleRef") is { } roleRef)
        {
            FillString(roleRef, "apiGroup", RbacGroup);
        }

        foreach (var subject in Items(obj, "subjects"))
        {
            if (Str(subject, "kind") is "User" or "Group")
            {
                FillString(subject, "apiGroup", RbacGroup);
            }
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var roleRef = Obj(obj, "roleRef");
        if (Str(roleRef, "name").Length == 0)
        {
            errors.Add(FieldError.Required("roleRef.name"));
        }

        var kind = Str(roleRef, "kind");
        string[] kinds = Str(Obj(obj, "metadata"), "namespace").Length > 0 ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind))
        {
            errors.Add(FieldError.NotSupported("roleRef.kind", kind, kinds));
        }

        foreach (var (subject, i) in Items(obj, "subjects").Select((s, i) => (s, i)))
        {
            if (Str(subject, "name").Length == 0)
            {
                errors.Add(FieldError.Required($"subjects[{i}].name"));
            }

            var subjectKind = Str(subject, "kind");
            if (subjectKind is not ("ServiceAccount" or "User" or "Group"))
            {
                errors.Add(FieldError.NotSupported($"subjects[{i}].kind", subjectKind, ["ServiceAccount", "User", "Group"]));
            }
        }
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        if (!JsonNode.DeepEquals(obj["roleRef"], old["roleRef"]))
        {
            errors.Add(FieldError.Invalid("roleRef", new GoValue(RoleRefText(Obj(obj, "roleRef"))), "cannot change roleRef"));
        }
    }

    private static string RoleRefText(JsonObject? roleRef) =>
        $"rbac.RoleRef{{APIGroup:{GoQuote.Quote(Str(roleRef, "apiGroup"))}, Kind:{GoQuote.Quote(Str(roleRef, "kind"))}, Name:{GoQuote.Quote(Str(roleRef, "name"))}}}";
}
