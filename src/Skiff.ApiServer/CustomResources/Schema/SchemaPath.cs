namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>Field paths as upstream writes them for custom objects: "spec.ports[0].name".</summary>
internal static class SchemaPath
{
    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    /// <summary>The subject of a schema message; upstream says "body" for the object itself.</summary>
    public static string Subject(string path) => path.Length == 0 ? "body" : $"{path} in body";
}
