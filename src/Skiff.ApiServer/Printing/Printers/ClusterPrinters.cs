using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Nodes, namespaces and other cluster-scoped machinery.</summary>
internal static class ClusterPrinters
{
    private const string NodeRolePrefix = "node-role.kubernetes.io/";
    private const string NodeRoleLabel = "kubernetes.io/role";

    public static readonly TablePrinter Node = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Status", "string", "The status of the node"),
            new("Roles", "string", "The roles of the node"),
            TableColumn.Age,
            new("Version", "string", ColumnDescriptions.NodeSystemInfoKubeletVersion),
            new("Internal-IP", "string", ColumnDescriptions.NodeStatusAddresses, 1),
            new("External-IP", "string", ColumnDescriptions.NodeStatusAddresses, 1),
            new("OS-Image", "string", ColumnDescriptions.NodeSystemInfoOSImage, 1),
            new("Kernel-Version", "string", ColumnDescriptions.NodeSystemInfoKernelVersion, 1),
            new("Container-Runtime", "string", ColumnDescriptions.NodeSystemInfoContainerRuntimeVersion, 1),
        ],
        (obj, now) =>
        {
            var statuses = new List<string>();
            // The last Ready condition wins when a node lists it twice, as upstream's map does.
            if (obj.Objects("status", "conditions").LastOrDefault(c => c.Str("type") == "Ready") is { } ready)
            {
                statuses.Add(ready.Str("status") == "True" ? "Ready" : "NotReady");
            }
            else
            {
                statuses.Add("Unknown");
            }
            if (obj.Bool("spec", "unschedulable"))
            {
                statuses.Add("SchedulingDisabled");
            }

            var info = obj.Obj("status", "nodeInfo");
            return new JsonArray(Cells.Name(obj), string.Join(",", statuses), Cells.OrNone(string.Join(",", Roles(obj))),
                Cells.Age(obj, now), info.Str("kubeletVersion"), Address(obj, "InternalIP"), Address(obj, "ExternalIP"),
                OrUnknown(info.Str("osImage")), OrUnknown(info.Str("kernelVersion")),
                OrUnknown(info.Str("containerRuntimeVersion")));
        });

    public static readonly TablePrinter Namespace = TablePrinter.Cells(
        [TableColumn.NameColumn, new("Status", "string", "The status of the namespace"), TableColumn.Age],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Str("status", "phase"), Cells.Age(obj, now)));

    public static readonly TablePrinter Lease = TablePrinter.Cells(
        [TableColumn.NameColumn, new("Holder", "string", ColumnDescriptions.LeaseSpecHolderIdentity), TableColumn.Age],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Str("spec", "holderIdentity"), Cells.Age(obj, now)));

    public static readonly TablePrinter PriorityClass = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Value", "integer", ColumnDescriptions.PriorityClassValue),
            new("Global-Default", "boolean", ColumnDescriptions.PriorityClassGlobalDefault),
            TableColumn.Age,
            new("PreemptionPolicy", "string", ColumnDescriptions.PriorityClassPreemptionPolicy),
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Long("value"), obj.Bool("globalDefault"), Cells.Age(obj, now),
            obj.Str("preemptionPolicy")));

    // Upstream describes the handler with an ObjectMeta field that does not exist, so the description is empty.
    public static readonly TablePrinter RuntimeClass = TablePrinter.Cells(
        [TableColumn.NameColumn, new("Handler", "string", ""), TableColumn.Age],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Str("handler"), Cells.Age(obj, now)));

    public static readonly TablePrinter CertificateSigningRequest = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            TableColumn.Age,
            new("SignerName", "string", ColumnDescriptions.CertificateSigningRequestSpecSignerName),
            new("Requestor", "string", ColumnDescriptions.CertificateSigningRequestSpecRequest),
            new("RequestedDuration", "string", ColumnDescriptions.CertificateSigningRequestSpecExpirationSeconds),
            new("Condition", "string", ColumnDescriptions.CertificateSigningRequestStatusConditions),
        ],
        (obj, now) =>
        {
            var duration = obj.OptLong("spec", "expirationSeconds") is { } seconds
                ? HumanDuration.Format(TimeSpan.FromSeconds(seconds))
                : LabelFormat.None;
            return new JsonArray(Cells.Name(obj), Cells.Age(obj, now), Cells.OrNone(obj.Str("spec", "signerName")),
                obj.Str("spec", "username"), duration, CsrCondition(obj));
        });

    public static readonly TablePrinter MutatingWebhookConfiguration = WebhookConfiguration();

    public static readonly TablePrinter ValidatingWebhookConfiguration = WebhookConfiguration();

    public static readonly TablePrinter FlowSchema = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("PriorityLevel", "string", ColumnDescriptions.FlowSchemaPriorityLevelName),
            new("MatchingPrecedence", "string", ColumnDescriptions.FlowSchemaSpecMatchingPrecedence),
            new("DistinguisherMethod", "string", ColumnDescriptions.FlowSchemaSpecDistinguisherMethod),
            TableColumn.Age,
            new("MissingPL", "string", "references a broken or non-existent PriorityLevelConfiguration"),
        ],
        (obj, now) =>
        {
            var dangling = obj.Objects("status", "conditions").FirstOrDefault(c => c.Str("type") == "Dangling");
            return new JsonArray(Cells.Name(obj), obj.Str("spec", "priorityLevelConfiguration", "name"),
                obj.Long("spec", "matchingPrecedence"),
                obj.OptStr("spec", "distinguisherMethod", "type") ?? LabelFormat.None, Cells.Age(obj, now),
                dangling is null ? "?" : dangling.Str("status"));
        });

    public static readonly TablePrinter PriorityLevelConfiguration = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Type", "string", ColumnDescriptions.PriorityLevelConfigurationSpecType),
            new("NominalConcurrencyShares", "string", ColumnDescriptions.LimitedPriorityLevelNominalConcurrencyShares),
            new("Queues", "string", ColumnDescriptions.QueuingConfigurationQueues),
            new("HandSize", "string", ColumnDescriptions.QueuingConfigurationHandSize),
            new("QueueLengthLimit", "string", ColumnDescriptions.QueuingConfigurationQueueLengthLimit),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            JsonNode shares = LabelFormat.None, queues = LabelFormat.None, handSize = LabelFormat.None, limit = LabelFormat.None;
            if (obj.Obj("spec", "limited") is { } limited)
            {
                shares = limited.Long("nominalConcurrencyShares");
                if (limited.Obj("limitResponse", "queuing") is { } queuing)
                {
                    queues = queuing.Long("queues");
                    handSize = queuing.Long("handSize");
                    limit = queuing.Long("queueLengthLimit");
                }
            }
            return new JsonArray(Cells.Name(obj), obj.Str("spec", "type"), shares, queues, handSize, limit, Cells.Age(obj, now));
        });

    private static TablePrinter WebhookConfiguration() => TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), (long)obj.Arr("webhooks").Count, Cells.Age(obj, now)));

    private static IEnumerable<string> Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Obj("metadata", "labels") ?? [])
        {
            if (key.StartsWith(NodeRolePrefix, StringComparison.Ordinal) && key.Length > NodeRolePrefix.Length)
            {
                roles.Add(key[NodeRolePrefix.Length..]);
            }
            else if (key == NodeRoleLabel && value.Str() is { Length: > 0 } role)
            {
                roles.Add(role);
            }
        }
        return roles;
    }

    private static string Address(JsonObject node, string type) =>
        node.Objects("status", "addresses").FirstOrDefault(a => a.Str("type") == type)?.Str("address") ?? LabelFormat.None;

    private static string OrUnknown(string value) => value.Length == 0 ? HumanDuration.Unknown : value;

    private static string CsrCondition(JsonObject csr)
    {
        var types = csr.Objects("status", "conditions").Select(c => c.Str("type")).ToHashSet(StringComparer.Ordinal);
        var status = types.Contains("Denied") ? "Denied" : types.Contains("Approved") ? "Approved" : "Pending";
        if (types.Contains("Failed"))
        {
            status += ",Failed";
        }
        if (csr.Str("status", "certificate").Length > 0)
        {
            status += ",Issued";
        }
        return status;
    }
}
