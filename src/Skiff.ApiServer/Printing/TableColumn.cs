namespace Skiff.ApiServer.Printing;

/// <summary>
/// One meta.k8s.io TableColumnDefinition. Priority 0 columns are what `kubectl get` shows;
/// priority 1 and above only appear with `-o wide`.
/// </summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    public static readonly TableColumn NameColumn =
        new("Name", "string", ColumnDescriptions.ObjectMetaName, Format: "name");

    public static readonly TableColumn Age =
        new("Age", "string", ColumnDescriptions.ObjectMetaCreationTimestamp);

    public static TableColumn Containers(int priority = 1) =>
        new("Containers", "string", "Names of each container in the template.", priority);

    public static TableColumn Images(int priority = 1) =>
        new("Images", "string", "Images referenced by each container in the template.", priority);
}
