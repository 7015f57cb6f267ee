using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>Endpoints: ports default to TCP.</summary>
public sealed class EndpointsAdmission : KindAdmission
{
    public EndpointsAdmission()
        : base(string.Empty, "endpoints")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        foreach (var port in Items(obj, "subsets").SelectMany(s => Items(s, "ports")))
        {
            FillString(port, "protocol", "TCP");
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
    }
}
