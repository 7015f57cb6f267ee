namespace Skiff.ApiServer.Tests.Admission.Priority;

/// <summary>User PriorityClasses stay below the system range and off the reserved names.</summary>
public sealed class PriorityClassValidationTests
{
    [Theory]
    [InlineData("{'metadata':{'name':'ok'},'value':1000000000}", "")]
    [InlineData("{'metadata':{'name':'big'},'value':1000000001}", "FieldValueForbidden value: Forbidden: maximum allowed value of a user defined priority is 1000000000")]
    [InlineData("{'metadata':{'name':'system-node-critical'},'value':2000001000}", "")]
    [InlineData("{'metadata':{'name':'system-mine'},'value':1}",
        "FieldValueForbidden metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class")]
    [InlineData("{'metadata':{'name':'system-cluster-critical'},'value':1}",
        "FieldValueForbidden metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000")]
    public void Validate_AppliesUpstreamLimits(string input, string expected)
    {
        Assert.Equal(expected, AdmissionKit.Causes("scheduling.k8s.io/v1/priorityclasses", input));
    }
}
