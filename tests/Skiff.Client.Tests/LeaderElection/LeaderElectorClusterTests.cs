using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.LeaderElection;
using Skiff.Client.Tests.Informers;
using Skiff.Testing;

namespace Skiff.Client.Tests.LeaderElection;

[Trait("Category", "Slow")]
public sealed class LeaderElectorClusterTests
{
    [Fact]
    public async Task TwoCandidates_OnlyOneLeads_AndTheOtherTakesOverWhenTheLeaderStops()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        var a = new Candidate(client, "a");
        var b = new Candidate(client, "b");

        await Eventually.TrueAsync(() => a.Leading || b.Leading, "a leader", 30_000);
        for (var i = 0; i < 30; i++)
        {
            Assert.False(a.Leading && b.Leading, "two leaders at once");
            await Task.Delay(50);
        }

        await Eventually.TrueAsync(() => a.Leading || b.Leading, "a leader", 30_000);
        var (leader, other) = a.Leading ? (a, b) : (b, a);

        await leader.StopAsync();
        await Eventually.TrueAsync(() => other.Leading, "the other to take over", 30_000);

        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("test-lock", "kube-system");
        Assert.Equal(other.Elector.Identity, lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        Assert.NotNull(lease.Spec.AcquireTime);
        await other.StopAsync();
    }

    [Fact]
    public async Task LeaseTakenByAnother_CancelsTheLeaderWorkWithinTheRenewDeadline()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        var a = new Candidate(client, "a");
        await Eventually.TrueAsync(() => a.Leading, "a to lead", 30_000);

        // The leader renews every 300 ms, so the take-over retries on conflict like any writer would.
        await Eventually.TrueAsync(
            () =>
            {
                var lease = client.CoordinationV1.ReadNamespacedLease("test-lock", "kube-system");
                lease.Spec.HolderIdentity = "intruder";
                lease.Spec.LeaseDurationSeconds = 3600;
                try
                {
                    client.CoordinationV1.ReplaceNamespacedLease(lease, "test-lock", "kube-system");
                    return true;
                }
                catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    return false;
                }
            },
            "the lease taken over",
            30_000);
        await Eventually.TrueAsync(() => a.WorkCancelled, "the leader's work to be cancelled", 30_000);
        Assert.False(a.Elector.IsLeader);
        await a.StopAsync();
    }

    private sealed class Candidate
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;
        private volatile bool _leading;
        private volatile bool _workCancelled;

        public Candidate(IKubernetes client, string name)
        {
            var options = new LeaderElectionOptions
            {
                Namespace = "kube-system",
                Name = "test-lock",
                Identity = name + "_" + Guid.NewGuid(),
                LeaseDuration = TimeSpan.FromSeconds(3),
                RenewDeadline = TimeSpan.FromSeconds(2),
                RetryPeriod = TimeSpan.FromMilliseconds(300),
            };
            Elector = new LeaderElector(client, options, TimeProvider.System, NullLogger.Instance);
            _run = Elector.RunAsync(LeadAsync, _stop.Token);
        }

        public LeaderElector Elector { get; }

        public bool Leading => _leading;

        public bool WorkCancelled => _workCancelled;

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
            _stop.Dispose();
        }

        private async Task LeadAsync(CancellationToken ct)
        {
            _leading = true;
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                _workCancelled = true;
                _leading = false;
            }
        }
    }
}
