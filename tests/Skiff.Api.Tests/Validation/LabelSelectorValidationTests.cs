using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.Api.Tests.Validation;

public sealed class LabelSelectorValidationTests
{
    [Theory]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In"}]}""", "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Gt","values":["1"]}]}""", "spec.selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":["-x"]}]}""", "spec.selector.matchExpressions[0].values[0]: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("""{"matchLabels":{"a":"-x"}}""", "spec.selector.matchLabels: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void Validate_ReportsUpstreamErrors(string json, string expected)
    {
        var errors = LabelSelectorValidation.Validate(JsonNode.Parse(json), "spec.selector");

        Assert.Equal(expected, FieldErrorList.ToAggregateMessage(errors));
    }
}
