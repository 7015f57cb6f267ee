using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.Api.Tests.Validation;

public sealed class FieldErrorTests
{
    public static TheoryData<FieldError, string, string> Cases => new()
    {
        { FieldError.Required("metadata.name", "name or generateName is required"), "FieldValueRequired", "metadata.name: Required value: name or generateName is required" },
        { FieldError.Required("metadata.namespace"), "FieldValueRequired", "metadata.namespace: Required value" },
        { FieldError.Invalid("metadata.name", "Bad", "must be lower case"), "FieldValueInvalid", "metadata.name: Invalid value: \"Bad\": must be lower case" },
        { FieldError.Invalid("spec.replicas", -1L, "must be greater than or equal to 0"), "FieldValueInvalid", "spec.replicas: Invalid value: -1: must be greater than or equal to 0" },
        { FieldError.Invalid("spec.paused", true, "x"), "FieldValueInvalid", "spec.paused: Invalid value: true: x" },
        { FieldError.Invalid("spec.x", null, "x"), "FieldValueInvalid", "spec.x: Invalid value: null: x" },
        { FieldError.Duplicate("spec.containers[1].name", "app"), "FieldValueDuplicate", "spec.containers[1].name: Duplicate value: \"app\"" },
        { FieldError.NotSupported("spec.restartPolicy", "Sometimes", ["Always", "OnFailure", "Never"]), "FieldValueNotSupported", "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"" },
        { FieldError.Forbidden("metadata.namespace", "not allowed on this type"), "FieldValueForbidden", "metadata.namespace: Forbidden: not allowed on this type" },
        { FieldError.TooLong("metadata.annotations", "", 262144), "FieldValueTooLong", "metadata.annotations: Too long: may not be more than 262144 bytes" },
        { FieldError.TooMany("spec.items", 5, 4), "FieldValueTooMany", "spec.items: Too many: 5: must have at most 4 items" },
        { FieldError.NotFound("spec.x", "y"), "FieldValueNotFound", "spec.x: Not found: \"y\"" },
        { FieldError.Internal("spec", "boom"), "InternalError", "spec: Internal error: boom" },
        { FieldError.Invalid("metadata.name", "a\"b\n", "x"), "FieldValueInvalid", "metadata.name: Invalid value: \"a\\\"b\\n\": x" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Error_HasUpstreamReasonAndText(FieldError error, string reason, string text)
    {
        Assert.Equal(reason, error.Reason);
        Assert.Equal(text, error.ToString());
        Assert.Equal(text[(error.Field.Length + 2)..], error.Message);
    }

    [Fact]
    public void Invalid_WithJsonValue_QuotesStringsAndPrintsOthersAsJson()
    {
        Assert.Equal("Invalid value: \"x\": d", FieldError.Invalid("f", JsonValue.Create("x"), "d").Message);
        Assert.Equal("Invalid value: 3: d", FieldError.Invalid("f", JsonNode.Parse("3"), "d").Message);
    }

    [Fact]
    public void InvalidMessage_JoinsSeveralErrorsAndDropsRepeats()
    {
        var errors = new[]
        {
            FieldError.Required("metadata.name", "name or generateName is required"),
            FieldError.Required("metadata.namespace"),
            FieldError.Required("metadata.namespace"),
        };

        Assert.Equal(
            "Pod \"web\" is invalid: [metadata.name: Required value: name or generateName is required, metadata.namespace: Required value]",
            FieldErrorList.InvalidMessage("Pod", "web", errors));
        Assert.Equal("Deployment.apps \"x\" is invalid: metadata.namespace: Required value", FieldErrorList.InvalidMessage("Deployment.apps", "x", errors[1..]));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("bell\u0007", "\"bell\\a\"")]
    [InlineData("nul\u0000", "\"nul\\x00\"")]
    [InlineData("ünïcode", "\"ünïcode\"")]
    [InlineData("zw\u200b", "\"zw\\u200b\"")]
    public void GoQuote_MatchesGoPercentQ(string value, string expected) => Assert.Equal(expected, GoQuote.Quote(value));
}
