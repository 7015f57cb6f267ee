using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Pod templates and the controllers that own pods.</summary>
internal static class WorkloadPrinters
{
    public static readonly TablePrinter PodTemplate = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            TableColumn.Containers(0),
            TableColumn.Images(0),
            new("Pod Labels", "string", "The labels for the pod template."),
        ],
        (obj, _) =>
        {
            var (names, images) = Cells.Containers(obj.At("template", "spec"));
            return new JsonArray(Cells.Name(obj), names, images, LabelFormat.Map(obj.Obj("template", "metadata", "labels")));
        });

    public static readonly TablePrinter ReplicationController = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Desired", "integer", ColumnDescriptions.ReplicationControllerSpecReplicas),
            new("Current", "integer", ColumnDescriptions.ReplicationControllerStatusReplicas),
            new("Ready", "integer", ColumnDescriptions.ReplicationControllerStatusReadyReplicas),
            TableColumn.Age,
            TableColumn.Containers(),
            TableColumn.Images(),
            new("Selector", "string", ColumnDescriptions.ReplicationControllerSpecSelector, 1),
        ],
        (obj, now) =>
        {
            var (names, images) = Cells.Containers(obj.At("spec", "template", "spec"));
            return new JsonArray(Cells.Name(obj), Cells.Replicas(obj), obj.Long("status", "replicas"),
                obj.Long("status", "readyReplicas"), Cells.Age(obj, now), names, images,
                LabelFormat.Map(obj.Obj("spec", "selector")));
        });

    public static readonly TablePrinter ReplicaSet = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Desired", "integer", ColumnDescriptions.ReplicaSetSpecReplicas),
            new("Current", "integer", ColumnDescriptions.ReplicaSetStatusReplicas),
            new("Ready", "integer", ColumnDescriptions.ReplicaSetStatusReadyReplicas),
            TableColumn.Age,
            TableColumn.Containers(),
            TableColumn.Images(),
            new("Selector", "string", ColumnDescriptions.ReplicaSetSpecSelector, 1),
        ],
        (obj, now) =>
        {
            var (names, images) = Cells.Containers(obj.At("spec", "template", "spec"));
            return new JsonArray(Cells.Name(obj), Cells.Replicas(obj), obj.Long("status", "replicas"),
                obj.Long("status", "readyReplicas"), Cells.Age(obj, now), names, images,
                LabelFormat.Selector(obj.Obj("spec", "selector")));
        });

    public static readonly TablePrinter Deployment = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Ready", "string", "Number of the pod with ready state"),
            new("Up-to-date", "string", ColumnDescriptions.DeploymentStatusUpdatedReplicas),
            new("Available", "string", ColumnDescriptions.DeploymentStatusAvailableReplicas),
            TableColumn.Age,
            TableColumn.Containers(),
            TableColumn.Images(),
            new("Selector", "string", ColumnDescriptions.DeploymentSpecSelector, 1),
        ],
        (obj, now) =>
        {
            var (names, images) = Cells.Containers(obj.At("spec", "template", "spec"));
            var selector = LabelFormat.SelectorText(obj.Obj("spec", "selector"));
            return new JsonArray(Cells.Name(obj), $"{obj.Long("status", "readyReplicas")}/{Cells.Replicas(obj)}",
                obj.Long("status", "updatedReplicas"), obj.Long("status", "availableReplicas"), Cells.Age(obj, now),
                names, images, selector == "<error>" ? "<invalid>" : selector);
        });

    public static readonly TablePrinter StatefulSet = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Ready", "string", "Number of the pod with ready state"),
            TableColumn.Age,
            TableColumn.Containers(),
            TableColumn.Images(),
        ],
        (obj, now) =>
        {
            var (names, images) = Cells.Containers(obj.At("spec", "template", "spec"));
            return new JsonArray(Cells.Name(obj), $"{obj.Long("status", "readyReplicas")}/{Cells.Replicas(obj)}",
                Cells.Age(obj, now), names, images);
        });

    public static readonly TablePrinter DaemonSet = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Desired", "integer", ColumnDescriptions.DaemonSetStatusDesiredNumberScheduled),
            new("Current", "integer", ColumnDescriptions.DaemonSetStatusCurrentNumberScheduled),
            new("Ready", "integer", ColumnDescriptions.DaemonSetStatusNumberReady),
            new("Up-to-date", "integer", ColumnDescriptions.DaemonSetStatusUpdatedNumberScheduled),
            new("Available", "integer", ColumnDescriptions.DaemonSetStatusNumberAvailable),
            new("Node Selector", "string", ColumnDescriptions.PodSpecNodeSelector),
            TableColumn.Age,
            TableColumn.Containers(),
            TableColumn.Images(),
            new("Selector", "string", ColumnDescriptions.DaemonSetSpecSelector, 1),
        ],
        (obj, now) =>
        {
            var (names, images) = Cells.Containers(obj.At("spec", "template", "spec"));
            var status = obj.Obj("status");
            return new JsonArray(Cells.Name(obj), status.Long("desiredNumberScheduled"),
                status.Long("currentNumberScheduled"), status.Long("numberReady"),
                status.Long("updatedNumberScheduled"), status.Long("numberAvailable"),
                LabelFormat.Map(obj.Obj("spec", "template", "spec", "nodeSelector")), Cells.Age(obj, now),
                names, images, LabelFormat.Selector(obj.Obj("spec", "selector")));
        });

    public static readonly TablePrinter ControllerRevision = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Controller", "string", "Controller of the object"),
            new("Revision", "string", ColumnDescriptions.ControllerRevisionRevision),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var owner = obj.Objects("metadata", "ownerReferences").FirstOrDefault(o => o.Bool("controller"));
            var controller = owner is null
                ? LabelFormat.None
                : Cells.KindName(owner.Str("apiVersion"), owner.Str("kind"), owner.Str("name"));
            return new JsonArray(Cells.Name(obj), controller, obj.Long("revision"), Cells.Age(obj, now));
        });
}
