using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Events;
using Skiff.Client.Informers;
using Skiff.Scheduler.Config;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Metrics;

namespace Skiff.Scheduler.Scheduling;

/// <summary>What a <see cref="Scheduler"/> is built from; tests leave the API parts out.</summary>
public sealed class SchedulerDependencies
{
    public required SchedulerSettings Settings { get; init; }

    public required PluginRegistry Registry { get; init; }

    public IKubernetes? Client { get; init; }

    public ISharedInformerFactory? Informers { get; init; }

    public IEventRecorder? Recorder { get; init; }

    public PriorityResolver? Priorities { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public SchedulerMetrics Metrics { get; init; } = new();

    public Random? Random { get; init; }

    public int MaxConcurrentBindings { get; init; } = Scheduler.DefaultMaxConcurrentBindings;
}
