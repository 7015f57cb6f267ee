using System.Collections.Concurrent;
using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Fakes;

/// <summary>Records bindings instead of calling the API.</summary>
internal sealed class FakeBinder : IBindPlugin
{
    public string Name => "DefaultBinder";

    public ConcurrentDictionary<string, string> Bound { get; } = new();

    public Status Result { get; set; } = Status.Success;

    public Task<Status> BindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct)
    {
        if (Result.IsSuccess)
        {
            Bound[pod.Metadata.Name] = nodeName;
        }

        return Task.FromResult(Result);
    }
}
