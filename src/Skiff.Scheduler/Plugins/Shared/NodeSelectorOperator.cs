namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>The operators of a nodeSelectorTerm requirement (v1.NodeSelectorOperator).</summary>
internal enum NodeSelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
}
