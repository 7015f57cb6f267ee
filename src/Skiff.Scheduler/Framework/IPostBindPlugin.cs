using k8s.Models;

namespace Skiff.Scheduler.Framework;

public interface IPostBindPlugin : IPlugin
{
    void PostBind(CycleState state, V1Pod pod, string nodeName);
}
