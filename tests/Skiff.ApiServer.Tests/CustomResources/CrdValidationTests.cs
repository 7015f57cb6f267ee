using System.Text.Json.Nodes;
using Skiff.ApiServer.CustomResources;

namespace Skiff.ApiServer.Tests.CustomResources;

public sealed class CrdValidationTests
{
    public static TheoryData<string, Action<JsonObject>, string> Cases => new()
    {
        { "name must be plural.group", c => c["metadata"]!["name"] = "gadgets.example.com",
            "metadata.name: Invalid value: \"gadgets.example.com\": must be spec.names.plural+\".\"+spec.group" },
        { "group required", c => { c["spec"]!["group"] = ""; c["metadata"]!["name"] = "widgets."; },
            "spec.group: Required value" },
        { "group needs a dot", c => { c["spec"]!["group"] = "example"; c["metadata"]!["name"] = "widgets.example"; },
            "spec.group: Invalid value: \"example\": should be a domain with at least one dot" },
        { "scope required", c => c["spec"]!.AsObject().Remove("scope"), "spec.scope: Required value" },
        { "scope supported", c => c["spec"]!["scope"] = "Global",
            "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"" },
        { "exactly one storage version", c => c["spec"]!["versions"]![1]!["storage"] = true,
            "spec.versions: Invalid value: [...]: must have exactly one version marked as storage version" },
        { "no storage version", c => c["spec"]!["versions"]![0]!["storage"] = false,
            "spec.versions: Invalid value: [...]: must have exactly one version marked as storage version" },
        { "at least one served version", c => { c["spec"]!["versions"]![0]!["served"] = false; c["spec"]!["versions"]![1]!["served"] = false; },
            "spec.versions: Invalid value: [...]: must have at least one version marked as served" },
        { "unique version names", c => c["spec"]!["versions"]![1]!["name"] = "v1",
            "spec.versions: Invalid value: [...]: must contain unique version names" },
        { "version name is a DNS-1035 label", c => c["spec"]!["versions"]![1]!["name"] = "V2",
            "spec.versions[1].name: Invalid value: \"V2\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')" },
        { "schema required", c => c["spec"]!["versions"]![1]!.AsObject().Remove("schema"),
            "spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required" },
        { "structural: root type", c => c["spec"]!["versions"]![1]!["schema"]!["openAPIV3Schema"]!.AsObject().Remove("type"),
            "spec.versions[1].schema.openAPIV3Schema.type: Required value: must not be empty at the root" },
        { "structural: field type", c => c["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["replicas"]!.AsObject().Remove("type"),
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[replicas].type: Required value: must not be empty for specified object fields" },
        { "structural: items type", c => c["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["list"] = TestJson.Node("{'type':'array','items':{}}"),
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list].items.type: Required value: must not be empty for specified array items" },
        { "structural: preserve false", c => c["spec"]!["versions"]![1]!["schema"]!["openAPIV3Schema"]!["x-kubernetes-preserve-unknown-fields"] = false,
            "spec.versions[1].schema.openAPIV3Schema.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined" },
        { "structural: properties with additionalProperties", c => c["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["additionalProperties"] = TestJson.Node("{'type':'string'}"),
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive" },
        { "scale spec path under .spec", c => c["spec"]!["versions"]![0]!["subresources"]!["scale"]!["specReplicasPath"] = ".status.replicas",
            "spec.versions[0].subresources.scale.specReplicasPath: Invalid value: \".status.replicas\": should be a json path under .spec" },
        { "printer column type", c => c["spec"]!["versions"]![0]!["additionalPrinterColumns"]![0]!["type"] = "float",
            "spec.versions[0].additionalPrinterColumns[0].type: Invalid value: \"float\": must be one of boolean,date,integer,number,string" },
        { "kind and listKind differ", c => c["spec"]!["names"]!["listKind"] = "Widget",
            "spec.names.listKind: Invalid value: \"Widget\": kind and listKind may not be the same" },
        { "kind required", c => c["spec"]!["names"]!["kind"] = "",
            "spec.names.kind: Required value" },
        { "short names are labels", c => c["spec"]!["names"]!["shortNames"] = new JsonArray("W_D"),
            "spec.names.shortNames[0]: Invalid value: \"W_D\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')" },
    };

    [Fact]
    public void Validate_AValidCrd_HasNoErrors() => Assert.Empty(CrdValidation.Validate(CrdFixtures.Widgets(), null));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_ReportsUpstreamFieldErrors(string why, Action<JsonObject> change, string expected)
    {
        var crd = CrdFixtures.Widgets();
        change(crd);

        var errors = CrdValidation.Validate(crd, null).Select(e => Abbreviate(e.ToString())).ToList();

        Assert.True(errors.Contains(expected), $"{why}: expected {expected}\nactual:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void ValidateUpdate_GroupIsImmutable()
    {
        var old = CrdFixtures.Widgets();
        var crd = CrdFixtures.Widgets();
        crd["spec"]!["group"] = "other.example.com";

        var errors = CrdValidation.Validate(crd, old).Select(e => e.ToString());

        Assert.Contains("spec.group: Invalid value: \"other.example.com\": field is immutable", errors);
    }

    [Fact]
    public void Default_FillsSingularListKindAndConversion()
    {
        var crd = CrdFixtures.Widgets();
        var names = crd["spec"]!["names"]!.AsObject();
        names.Remove("singular");
        names.Remove("listKind");
        var resource = Api.Catalog.ResourceCatalog.CreateBuiltIn().Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;

        new CrdAdmission().Default(resource, crd, string.Empty);

        Assert.Equal("widget", (string?)names["singular"]);
        Assert.Equal("WidgetList", (string?)names["listKind"]);
        Assert.Equal("None", (string?)crd["spec"]!["conversion"]!["strategy"]);
    }

    // The versions array is dumped in the message; the cases only care about the rest.
    private static string Abbreviate(string error) =>
        error.StartsWith("spec.versions: Invalid value: [", StringComparison.Ordinal)
            ? "spec.versions: Invalid value: [...]: " + error[(error.LastIndexOf("]: ", StringComparison.Ordinal) + 3)..]
            : error;
}
