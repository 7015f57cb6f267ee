using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// A Job that does not pick its own selector (manualSelector unset) gets one from its uid at create time, and
/// its template the matching labels, as upstream's job registry generates them.
/// </summary>
public sealed class JobStrategy : GenericStrategy
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyControllerUidLabel = "controller-uid";
    public const string LegacyJobNameLabel = "job-name";

    public JobStrategy()
        : base(tracksGeneration: true, hasStatusSubresource: true)
    {
    }

    public override Task BeforeWriteAsync(JsonObject desired, JsonObject? live, bool dryRun, CancellationToken ct)
    {
        if (live is null && !(desired["spec"]?["manualSelector"] is JsonValue m && m.TryGetValue<bool>(out var manual) && manual))
        {
            GenerateSelector(desired);
        }

        return Task.CompletedTask;
    }

    private static void GenerateSelector(JsonObject job)
    {
        var uid = Json.Uid(job);
        var name = Json.Name(job);
        if (job["spec"] is not JsonObject spec)
        {
            return;
        }

        var template = Ensure(spec, "template");
        var labels = Ensure(Ensure(template, "metadata"), "labels");

        // Labels the user set are kept; a conflicting one then fails the selector match, as upstream intends.
        foreach (var (key, value) in (ReadOnlySpan<(string, string)>)
            [(ControllerUidLabel, uid), (JobNameLabel, name), (LegacyControllerUidLabel, uid), (LegacyJobNameLabel, name)])
        {
            if (!labels.ContainsKey(key))
            {
                labels[key] = value;
            }
        }

        var matchLabels = Ensure(Ensure(spec, "selector"), "matchLabels");
        if (!matchLabels.ContainsKey(ControllerUidLabel))
        {
            matchLabels[ControllerUidLabel] = uid;
        }
    }

    private static JsonObject Ensure(JsonObject obj, string key)
    {
        if (obj[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        obj[key] = created;
        return created;
    }
}
