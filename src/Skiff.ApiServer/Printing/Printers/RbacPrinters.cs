using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Role bindings; roles themselves use the generic Name / Created At table upstream.</summary>
internal static class RbacPrinters
{
    public static readonly TablePrinter RoleBinding = Binding(ColumnDescriptions.RoleBindingRoleRef, "roleBinding");

    public static readonly TablePrinter ClusterRoleBinding =
        Binding(ColumnDescriptions.ClusterRoleBindingRoleRef, "clusterRoleBinding");

    private static TablePrinter Binding(string roleDescription, string noun) => TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Role", "string", roleDescription),
            TableColumn.Age,
            new("Users", "string", $"Users in the {noun}", 1),
            new("Groups", "string", $"Groups in the {noun}", 1),
            new("ServiceAccounts", "string", $"ServiceAccounts in the {noun}", 1),
        ],
        (obj, now) =>
        {
            var subjects = obj.Objects("subjects").ToList();
            string Join(string kind, Func<JsonObject, string> text) =>
                string.Join(", ", subjects.Where(s => s.Str("kind") == kind).Select(text));
            return new JsonArray(Cells.Name(obj), $"{obj.Str("roleRef", "kind")}/{obj.Str("roleRef", "name")}",
                Cells.Age(obj, now), Join("User", s => s.Str("name")), Join("Group", s => s.Str("name")),
                Join("ServiceAccount", s => s.Str("namespace") + ":" + s.Str("name")));
        });
}
