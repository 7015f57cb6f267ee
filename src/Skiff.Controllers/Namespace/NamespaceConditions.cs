using k8s.Models;

namespace Skiff.Controllers.Namespace;

/// <summary>
/// The five status conditions upstream's namespace deleter maintains, with its reasons and messages: True with the
/// failure when something went wrong, False with the "ok" wording otherwise.
/// </summary>
public static class NamespaceConditions
{
    public const string DiscoveryFailure = "NamespaceDeletionDiscoveryFailure";
    public const string GroupVersionParsingFailure = "NamespaceDeletionGroupVersionParsingFailure";
    public const string ContentFailure = "NamespaceDeletionContentFailure";
    public const string ContentRemaining = "NamespaceContentRemaining";
    public const string FinalizersRemaining = "NamespaceFinalizersRemaining";

    private static readonly string[] Types = [DiscoveryFailure, GroupVersionParsingFailure, ContentFailure, ContentRemaining, FinalizersRemaining];

    private static readonly Dictionary<string, (string Reason, string Message)> Ok = new(StringComparer.Ordinal)
    {
        [DiscoveryFailure] = ("ResourcesDiscovered", "All resources successfully discovered"),
        [GroupVersionParsingFailure] = ("ParsedGroupVersions", "All legacy kube types successfully parsed"),
        [ContentFailure] = ("ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        [ContentRemaining] = ("ContentRemoved", "All content successfully removed"),
        [FinalizersRemaining] = ("ContentRemoved", "All content successfully removed"),
    };

    /// <summary>The failing conditions <paramref name="totals"/> calls for (types absent here are fine).</summary>
    public static IReadOnlyList<V1NamespaceCondition> Failures(ContentTotals totals)
    {
        var failures = new List<V1NamespaceCondition>();
        if (totals.DiscoveryFailure is { } discovery)
        {
            failures.Add(True(DiscoveryFailure, "DiscoveryFailed", discovery));
        }

        if (totals.ContentErrors.Count > 0)
        {
            var messages = totals.ContentErrors.Order(StringComparer.Ordinal).ToList();
            failures.Add(True(ContentFailure, "ContentDeletionFailed",
                $"Failed to delete all resource types, {messages.Count} remaining: {string.Join(", ", messages)}"));
        }

        var remaining = totals.Remaining.Where(r => r.Value > 0).Select(r => $"{r.Key} has {r.Value} resource instances").Order(StringComparer.Ordinal).ToList();
        if (remaining.Count > 0)
        {
            failures.Add(True(ContentRemaining, "SomeResourcesRemain", $"Some resources are remaining: {string.Join(", ", remaining)}"));
        }

        var finalizers = totals.Finalizers.Where(f => f.Value > 0).Select(f => $"{f.Key} in {f.Value} resource instances").Order(StringComparer.Ordinal).ToList();
        if (finalizers.Count > 0)
        {
            // Upstream spells this reason in the singular.
            failures.Add(True(FinalizersRemaining, "SomeFinalizerRemain", $"Some finalizers are remaining: {string.Join(", ", finalizers)}"));
        }

        return failures;
    }

    /// <summary>
    /// Brings every maintained condition of <paramref name="status"/> to what <paramref name="failures"/> says;
    /// lastTransitionTime moves only when a condition's status flips. Returns whether anything changed.
    /// </summary>
    public static bool Update(V1NamespaceStatus status, IReadOnlyList<V1NamespaceCondition> failures, DateTime now)
    {
        status.Conditions ??= [];
        var changed = false;
        foreach (var type in Types)
        {
            var wanted = failures.FirstOrDefault(c => c.Type == type) ?? Condition(type, "False", Ok[type].Reason, Ok[type].Message);
            var current = status.Conditions.FirstOrDefault(c => c.Type == type);
            if (current is null)
            {
                wanted.LastTransitionTime = now;
                status.Conditions.Add(wanted);
                changed = true;
            }
            else if (current.Status != wanted.Status || current.Reason != wanted.Reason || current.Message != wanted.Message)
            {
                if (current.Status != wanted.Status)
                {
                    current.LastTransitionTime = now;
                }

                current.Status = wanted.Status;
                current.Reason = wanted.Reason;
                current.Message = wanted.Message;
                changed = true;
            }
        }

        return changed;
    }

    private static V1NamespaceCondition True(string type, string reason, string message) => Condition(type, "True", reason, message);

    private static V1NamespaceCondition Condition(string type, string status, string reason, string message) =>
        new() { Type = type, Status = status, Reason = reason, Message = message };
}
