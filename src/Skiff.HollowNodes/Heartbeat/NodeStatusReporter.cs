using k8s;
using Skiff.HollowNodes.Http;
using Skiff.HollowNodes.Nodes;
using Skiff.HollowNodes.Scheduling;

namespace Skiff.HollowNodes.Heartbeat;

/// <summary>
/// Writes each node's unchanged status every few minutes, as upstream's kubelet does once the Lease carries
/// the heartbeat; a node someone deleted is registered again, as a kubelet would.
/// </summary>
internal sealed class NodeStatusReporter
{
    private readonly LeanWrites _writes;
    private readonly NodeSet _nodes;
    private readonly NodeRegistrar _registrar;
    private readonly HollowNodeOptions _options;
    private readonly TimeProvider _time;
    private readonly FailureCounter _failures;

    public NodeStatusReporter(IKubernetes client, NodeSet nodes, NodeRegistrar registrar, HollowNodeOptions options, TimeProvider time, FailureCounter failures)
    {
        _writes = new LeanWrites(client);
        _nodes = nodes;
        _registrar = registrar;
        _options = options;
        _time = time;
        _failures = failures;
    }

    public SpreadSchedule Schedule() =>
        new(_nodes.Count, _options.StatusReportInterval, Math.Max(1, _options.Parallelism / 4), _time, ReportAsync);

    public async Task ReportAsync(int index, CancellationToken ct)
    {
        var node = _nodes[index];
        try
        {
            var patch = NodeBuilder.HeartbeatPatch(node.ReadySince, _time.GetUtcNow()).ToJsonString();
            await _writes.PatchNodeStatusAsync(node.Name, patch, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.NotFound(e) && !ct.IsCancellationRequested)
        {
            try
            {
                await _registrar.RegisterAsync(node, ct).ConfigureAwait(false);
            }
            catch (Exception again) when (!ct.IsCancellationRequested)
            {
                _failures.Record("node registration", node.Name, again);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _failures.Record("node status", node.Name, e);
        }
    }
}
