using System.Text.Json.Nodes;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Batch;

/// <summary>Upstream's SetDefaults_Job over JSON.</summary>
internal static class JobSpecDefaults
{
    public static void Apply(JsonObject job, JsonObject spec)
    {
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
            spec["parallelism"] = 1;
        }

        Fill(spec, "parallelism", 1);
        Fill(spec, "backoffLimit", spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue);

        // A Job without labels of its own takes its template's, as upstream does.
        var templateLabels = Obj(Obj(Obj(spec, "template"), "metadata"), "labels");
        var meta = Ensure(job, "metadata");
        if (templateLabels is not null && Obj(meta, "labels") is not { Count: > 0 })
        {
            meta["labels"] = templateLabels.DeepClone();
        }

        FillString(spec, "completionMode", "NonIndexed");
        Fill(spec, "suspend", false);
        foreach (var rule in Items(Obj(spec, "podFailurePolicy"), "rules"))
        {
            foreach (var condition in Items(rule, "onPodConditions"))
            {
                FillString(condition, "status", "True");
            }
        }

        Fill(spec, "podReplacementPolicy", spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed");
        if (Obj(Obj(spec, "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }
}
