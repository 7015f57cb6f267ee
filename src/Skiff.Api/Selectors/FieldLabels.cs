using Skiff.Api.Validation;

namespace Skiff.Api.Selectors;

/// <summary>
/// Which field labels each resource accepts in a field selector, with upstream's rejection
/// message. Kinds upstream registers no conversion for accept only metadata.name and
/// metadata.namespace (apps/v1 ReplicaSets too, even though their storage knows status.replicas).
/// </summary>
public static class FieldLabels
{
    private const string MetaName = "metadata.name";
    private const string MetaNamespace = "metadata.namespace";

    private static readonly Dictionary<(string Group, string Resource), Rule> _rules = new()
    {
        [("", "pods")] = new(
            [MetaName, MetaNamespace, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
             "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
            NotSupported),
        [("", "nodes")] = new([MetaName, "spec.unschedulable"], NotSupported),
        [("", "replicationcontrollers")] = new([MetaName, MetaNamespace, "status.replicas"], NotSupported),
        [("", "events")] = new(
            ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
             "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
             MetaNamespace, MetaName],
            NotSupported),
        [("", "namespaces")] = new(["status.phase", MetaName], NotSupported),
        [("", "secrets")] = new(["type", MetaNamespace, MetaName], NotSupported),
        [("", "services")] = new([MetaNamespace, MetaName, "spec.clusterIP", "spec.type"], NotSupported),
        [("batch", "jobs")] = new([MetaName, MetaNamespace, "status.successful"], label => $"field label {GoQuote.Quote(label)} not supported for batchv1.Job"),
        [("certificates.k8s.io", "certificatesigningrequests")] = new([MetaName, "spec.signerName"], NotSupported),
    };

    private static readonly Rule _default = new(
        [MetaName, MetaNamespace],
        label => $"{GoQuote.Quote(label)} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");

    /// <summary>The field labels a resource accepts.</summary>
    public static IReadOnlyList<string> Supported(string group, string resource) => RuleFor(group, resource).Labels;

    /// <summary>
    /// Checks every label in the selector and returns the selector upstream would apply: pods'
    /// legacy "spec.host" becomes "spec.nodeName". Throws <see cref="SelectorParseException"/>
    /// with upstream's message (a 400 BadRequest) for an unsupported label.
    /// </summary>
    public static FieldSelector Check(string group, string resource, FieldSelector selector)
    {
        var rule = RuleFor(group, resource);
        var converted = new List<FieldRequirement>(selector.Requirements.Count);
        foreach (var requirement in selector.Requirements)
        {
            // Kept for old v1 clients that still send spec.host.
            if (group.Length == 0 && resource == "pods" && requirement.Field == "spec.host")
            {
                converted.Add(requirement with { Field = "spec.nodeName" });
                continue;
            }

            if (!rule.Labels.Contains(requirement.Field))
            {
                throw new SelectorParseException(rule.Reject(requirement.Field));
            }

            converted.Add(requirement);
        }

        return FieldSelector.FromRequirements(converted);
    }

    private static Rule RuleFor(string group, string resource) => _rules.TryGetValue((group, resource), out var rule) ? rule : _default;

    private static string NotSupported(string label) => $"field label not supported: {label}";

    private sealed record Rule(IReadOnlyList<string> Labels, Func<string, string> Reject);
}
