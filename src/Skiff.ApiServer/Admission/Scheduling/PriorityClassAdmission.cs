using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Scheduling;

/// <summary>PriorityClasses preempt lower priorities unless they say Never.</summary>
public sealed class PriorityClassAdmission : KindAdmission
{
    private static readonly string[] Policies = ["Never", "PreemptLowerPriority"];

    public PriorityClassAdmission()
        : base("scheduling.k8s.io", "priorityclasses")
    {
    }

    protected override void SetDefaults(JsonObject obj) => FillString(obj, "preemptionPolicy", "PreemptLowerPriority");

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var policy = Str(obj, "preemptionPolicy");
        if (!Policies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported("preemptionPolicy", policy, Policies));
        }

        var name = Str(Obj(obj, "metadata"), "name");
        var value = Long(obj, "value") ?? 0;
        if (name.StartsWith(SystemPriorityClasses.Prefix, StringComparison.Ordinal))
        {
            if (SystemPriorityClasses.Problem(name, value, Bool(obj, "globalDefault") == true) is { } problem)
            {
                errors.Add(FieldError.Forbidden("metadata.name", $"priority class names with '{SystemPriorityClasses.Prefix}' prefix are reserved for system use only. error: {problem}"));
            }
        }
        else if (value > SystemPriorityClasses.HighestUserDefinable)
        {
            errors.Add(FieldError.Forbidden("value", $"maximum allowed value of a user defined priority is {SystemPriorityClasses.HighestUserDefinable}"));
        }
    }
}
