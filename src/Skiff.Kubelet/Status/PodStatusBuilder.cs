using k8s.Models;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.Status;

/// <summary>
/// Computes a pod's status as kubelet reports it from what the runtime has: container states, phase, conditions,
/// IPs and QoS class. Fields other components own (nominatedNodeName, conditions of other types) carry over.
/// </summary>
public static class PodStatusBuilder
{
    private static readonly HashSet<string> OwnedConditions = new(StringComparer.Ordinal)
    {
        "PodScheduled", "PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready",
    };

    public static V1PodStatus Build(StatusInputs inputs)
    {
        var pod = inputs.Pod;
        var old = pod.Status ?? new V1PodStatus();
        var initDone = InitializationDone(inputs);
        var initStatuses = (pod.Spec.InitContainers ?? []).Select(c => ContainerStatusOf(inputs, c, isInit: true, initDone)).ToList();
        var statuses = pod.Spec.Containers.Select(c => ContainerStatusOf(inputs, c, isInit: false, initDone)).ToList();
        var phase = Phase(pod, initStatuses, statuses, old.Phase);
        var podIp = inputs.Runtime.PodIp ?? (pod.Spec.HostNetwork == true ? inputs.HostIp : null) ?? old.PodIP;
        var status = new V1PodStatus
        {
            Phase = phase,
            HostIP = inputs.HostIp,
            HostIPs = inputs.HostIp is null ? null : [new V1HostIP { Ip = inputs.HostIp }],
            PodIP = podIp,
            PodIPs = podIp is null ? null : [new V1PodIP { Ip = podIp }],
            StartTime = old.StartTime ?? inputs.Now,
            QosClass = old.QosClass ?? QosClassifier.Classify(pod.Spec),
            InitContainerStatuses = initStatuses.Count == 0 ? null : initStatuses,
            ContainerStatuses = statuses,
            NominatedNodeName = old.NominatedNodeName,
            Message = old.Message,
            Reason = old.Reason,
        };
        status.Conditions = Conditions(inputs, status, initDone, old.Conditions ?? []);
        return status;
    }

    /// <summary>Every regular init container exited 0 and every sidecar has started.</summary>
    public static bool InitializationDone(StatusInputs inputs)
    {
        foreach (var init in inputs.Pod.Spec.InitContainers ?? [])
        {
            var latest = inputs.Runtime.Latest(init.Name);
            var done = RestartRules.IsSidecar(init)
                ? latest is not null && (latest.State == ContainerState.ContainerRunning || RuntimePod.RestartCountOf(latest) > 0 || latest.State == ContainerState.ContainerExited)
                : latest is { State: ContainerState.ContainerExited, ExitCode: 0 };
            if (!done)
            {
                return false;
            }
        }

        return true;
    }

    private static V1ContainerStatus ContainerStatusOf(StatusInputs inputs, V1Container container, bool isInit, bool initDone)
    {
        var attempts = inputs.Runtime.Attempts(container.Name);
        var latest = attempts.FirstOrDefault();
        var status = new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = latest?.ImageRef ?? string.Empty,
            ContainerID = latest is null ? null : "containerd://" + latest.Id,
            RestartCount = latest is null ? 0 : RuntimePod.RestartCountOf(latest),
            Ready = false,
            Started = false,
        };
        inputs.Waiting.TryGetValue(container.Name, out var waiting);
        if (latest is null)
        {
            var reason = waiting ?? new WaitingReason(isInit || !initDone ? "PodInitializing" : "ContainerCreating", string.Empty);
            status.State = Waiting(reason);
            return status;
        }

        switch (latest.State)
        {
            case ContainerState.ContainerRunning:
                status.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = CriTime.ToDateTime(latest.StartedAt) } };
                status.Started = inputs.IsStarted(container.Name) ?? false;
                status.Ready = (!isInit || RestartRules.IsSidecar(container)) && inputs.IsReady(container.Name);
                if (attempts.Skip(1).FirstOrDefault(c => c.State == ContainerState.ContainerExited) is { } previous)
                {
                    status.LastState = new V1ContainerState { Terminated = Terminated(previous, inputs) };
                }

                break;
            case ContainerState.ContainerExited:
                var terminated = Terminated(latest, inputs);
                if (waiting is not null)
                {
                    status.State = Waiting(waiting);
                    status.LastState = new V1ContainerState { Terminated = terminated };
                }
                else
                {
                    status.State = new V1ContainerState { Terminated = terminated };
                    if (attempts.Skip(1).FirstOrDefault(c => c.State == ContainerState.ContainerExited) is { } earlier)
                    {
                        status.LastState = new V1ContainerState { Terminated = Terminated(earlier, inputs) };
                    }
                }

                break;
            default:
                status.State = Waiting(waiting ?? new WaitingReason("ContainerCreating", string.Empty));
                break;
        }

        return status;
    }

    private static V1ContainerState Waiting(WaitingReason reason) => new()
    {
        Waiting = new V1ContainerStateWaiting { Message = string.IsNullOrEmpty(reason.Message) ? null : reason.Message, Reason = reason.Reason },
    };

    public static V1ContainerStateTerminated Terminated(ContainerStatus container, StatusInputs inputs)
    {
        var message = string.IsNullOrEmpty(container.Message)
            ? inputs.TerminationMessage(container.Metadata?.Name ?? string.Empty, RuntimePod.RestartCountOf(container))
            : container.Message;
        var reason = container.Reason is { Length: > 0 } r ? r : container.ExitCode == 0 ? "Completed" : "Error";
        return new V1ContainerStateTerminated
        {
            ExitCode = container.ExitCode,
            Reason = reason,
            Message = string.IsNullOrEmpty(message) ? null : message,
            StartedAt = CriTime.ToDateTime(container.StartedAt),
            FinishedAt = CriTime.ToDateTime(container.FinishedAt),
            ContainerID = "containerd://" + container.Id,
        };
    }

    /// <summary>Upstream's getPhase: pending until initialized and every container ran once; terminal by restartPolicy.</summary>
    public static string Phase(V1Pod pod, IReadOnlyList<V1ContainerStatus> initStatuses, IReadOnlyList<V1ContainerStatus> statuses, string? oldPhase)
    {
        if (oldPhase is "Succeeded" or "Failed")
        {
            return oldPhase;
        }

        var policy = pod.Spec.RestartPolicy ?? "Always";
        var inits = pod.Spec.InitContainers ?? [];
        for (var i = 0; i < inits.Count; i++)
        {
            var init = initStatuses[i];
            if (RestartRules.IsSidecar(inits[i]))
            {
                if (init.State?.Running is null && init.LastState?.Terminated is null && init.State?.Terminated is null)
                {
                    return "Pending";
                }

                continue;
            }

            var terminated = init.State?.Terminated ?? init.LastState?.Terminated;
            if (init.State?.Terminated is { ExitCode: not 0 } && policy == "Never")
            {
                return "Failed";
            }

            if (init.State?.Terminated is not { ExitCode: 0 })
            {
                _ = terminated;
                return "Pending";
            }
        }

        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var status in statuses)
        {
            if (status.State?.Running is not null)
            {
                running++;
            }
            else if (status.State?.Terminated is { } terminated)
            {
                stopped++;
                succeeded += terminated.ExitCode == 0 ? 1 : 0;
            }
            else if (status.LastState?.Terminated is { } last)
            {
                stopped++;
                succeeded += last.ExitCode == 0 ? 1 : 0;
            }
            else
            {
                waiting++;
            }
        }

        if (waiting > 0)
        {
            return "Pending";
        }

        if (running > 0)
        {
            return "Running";
        }

        if (stopped > 0)
        {
            if (policy == "Always")
            {
                return "Running";
            }

            // A waiting container that will restart (OnFailure after a failure) keeps the pod Running.
            var restarting = statuses.Any(s => s.State?.Waiting is not null);
            if (restarting)
            {
                return "Running";
            }

            if (stopped == succeeded)
            {
                return "Succeeded";
            }

            return policy == "Never" ? "Failed" : "Running";
        }

        return "Pending";
    }

    private static List<V1PodCondition> Conditions(StatusInputs inputs, V1PodStatus status, bool initDone, IList<V1PodCondition> old)
    {
        var pod = inputs.Pod;
        var terminal = status.Phase is "Succeeded" or "Failed";
        var conditions = new List<V1PodCondition>();
        void Add(string type, bool value, string? reason = null, string? message = null)
        {
            var previous = old.FirstOrDefault(c => c.Type == type);
            var text = value ? "True" : "False";
            conditions.Add(new V1PodCondition
            {
                Type = type,
                Status = text,
                Reason = reason,
                Message = message,
                LastProbeTime = null,
                LastTransitionTime = previous?.Status == text ? previous.LastTransitionTime : inputs.Now,
            });
        }

        Add("PodReadyToStartContainers", inputs.Runtime.ReadySandbox is not null && !terminal);
        var incompleteInits = (pod.Spec.InitContainers ?? [])
            .Where((c, i) => !RestartRules.IsSidecar(c) && status.InitContainerStatuses![i].State?.Terminated is not { ExitCode: 0 })
            .Select(c => c.Name)
            .ToList();
        if (initDone || incompleteInits.Count == 0 || terminal && status.Phase == "Succeeded")
        {
            Add("Initialized", true);
        }
        else
        {
            Add("Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incompleteInits)}]");
        }

        var unready = status.ContainerStatuses.Where(s => !s.Ready).Select(s => s.Name)
            .Concat((pod.Spec.InitContainers ?? []).Where(RestartRules.IsSidecar).Select(c => c.Name)
                .Where(name => status.InitContainerStatuses!.First(s => s.Name == name).Ready != true))
            .ToList();
        if (terminal)
        {
            Add("ContainersReady", false, "PodCompleted");
            Add("Ready", false, "PodCompleted");
        }
        else if (unready.Count > 0)
        {
            var message = $"containers with unready status: [{string.Join(' ', unready)}]";
            Add("ContainersReady", false, "ContainersNotReady", message);
            Add("Ready", false, "ContainersNotReady", message);
        }
        else
        {
            Add("ContainersReady", true);
            var gates = (pod.Spec.ReadinessGates ?? []).Select(g => g.ConditionType)
                .Where(type => old.FirstOrDefault(c => c.Type == type)?.Status != "True")
                .ToList();
            if (gates.Count > 0)
            {
                Add("Ready", false, "ReadinessGatesNotReady", $"corresponding condition of pod readiness gate \"{gates[0]}\" does not exist.");
            }
            else
            {
                Add("Ready", true);
            }
        }

        var scheduled = old.FirstOrDefault(c => c.Type == "PodScheduled");
        conditions.Add(scheduled ?? new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = inputs.Now });
        conditions.AddRange(old.Where(c => !OwnedConditions.Contains(c.Type)));
        return conditions;
    }
}
