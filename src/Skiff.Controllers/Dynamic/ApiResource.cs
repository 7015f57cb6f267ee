namespace Skiff.Controllers.Dynamic;

/// <summary>One resource as discovery lists it: where it lives, what kind it holds, what it can be asked to do.</summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced, IReadOnlySet<string> Verbs)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"plural.group" as upstream's GroupResource prints it ("pods." for the core group).</summary>
    public string GroupResource => $"{Plural}.{Group}";

    public bool Supports(string verb) => Verbs.Contains(verb);

    /// <summary>The collection path, in a namespace when one is given and the resource is namespaced.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns) ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    public string ObjectPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";

    /// <summary>
    /// Upstream's GroupVersionResource print form, as it appears in namespace deletion messages: the core group
    /// prints as an empty string before the slash ("/v1, Resource=pods").
    /// </summary>
    public override string ToString() => $"{Group}/{Version}, Resource={Plural}";
}
