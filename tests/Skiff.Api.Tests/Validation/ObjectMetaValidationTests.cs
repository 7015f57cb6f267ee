using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.Api.Tests.Validation;

public sealed class ObjectMetaValidationTests
{
    [Theory]
    [InlineData("""{"metadata":{"name":"web","namespace":"default"}}""", true, "")]
    [InlineData("""{"metadata":{"namespace":"default"}}""", true, "metadata.name: Required value: name or generateName is required")]
    [InlineData("""{"metadata":{"name":"web"}}""", true, "metadata.namespace: Required value")]
    [InlineData("""{"metadata":{"name":"web","namespace":"default"}}""", false, "metadata.namespace: Forbidden: not allowed on this type")]
    [InlineData("""{"metadata":{"name":"web","namespace":"Default"}}""", true, "metadata.namespace: Invalid value: \"Default\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")]
    [InlineData("""{"metadata":{"name":"web-x1","generateName":"Web-","namespace":"default"}}""", true, "metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
    [InlineData("""{"metadata":{"name":"web","labels":{"app":"-bad"}}}""", false, "metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("""{"metadata":{"name":"web","labels":{"/app":"x"}}}""", false, "metadata.labels: Invalid value: \"/app\": prefix part must be non-empty")]
    [InlineData("""{"metadata":{"name":"web","annotations":{"Example.COM/Key":"x"}}}""", false, "")]
    [InlineData("""{"metadata":{"name":"web","annotations":{"a/b/c":"x"}}}""", false, "metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    public void Validate_ReportsUpstreamErrors(string json, bool namespaced, string expected)
    {
        var errors = ObjectMetaValidation.Validate(JsonNode.Parse(json)!.AsObject(), namespaced, NameValidation.NameIsDnsSubdomain);

        Assert.Equal(expected, FieldErrorList.ToAggregateMessage(errors));
    }

    [Theory]
    [InlineData(ObjectMetaValidation.TotalAnnotationSizeLimitBytes, false)]
    [InlineData(ObjectMetaValidation.TotalAnnotationSizeLimitBytes + 1, true)]
    public void ValidateAnnotations_LimitsTotalSizeTo256KiB(int totalBytes, bool tooLong)
    {
        var annotations = new Dictionary<string, string> { ["k"] = new string('x', totalBytes - 1) };

        var errors = ObjectMetaValidation.ValidateAnnotations(annotations, "metadata.annotations").ToList();

        Assert.Equal(tooLong ? ["metadata.annotations: Too long: may not be more than 262144 bytes"] : [], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void NameGenerator_AppendsFiveSafeCharactersAndCapsPrefix()
    {
        var generator = new NameGenerator(new Random(1));

        var shortName = generator.Generate("web-");
        var longName = generator.Generate(new string('p', 70));

        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", shortName);
        Assert.Equal(63, longName.Length);
        Assert.StartsWith(new string('p', 58), longName, StringComparison.Ordinal);
        Assert.Empty(NameValidation.IsDns1123Subdomain(shortName));
    }

    [Theory]
    [InlineData("""{"metadata":{"generateName":"web-"}}""", true)]
    [InlineData("""{"metadata":{"generateName":"web-","name":"fixed"}}""", false)]
    [InlineData("""{"metadata":{"name":"fixed"}}""", false)]
    public void NameGenerator_Apply_NamesOnlyUnnamedObjectsWithGenerateName(string json, bool generated)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var before = (string?)obj["metadata"]!["name"];

        Assert.Equal(generated, new NameGenerator(new Random(2)).Apply(obj));
        var name = (string?)obj["metadata"]!["name"];
        if (generated)
        {
            Assert.Matches("^web-[a-z0-9]{5}$", name);
        }
        else
        {
            Assert.Equal(before, name);
        }
    }
}
