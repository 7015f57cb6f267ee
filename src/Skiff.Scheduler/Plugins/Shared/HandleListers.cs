using k8s;
using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>Listers for plugin factories: the shared informer's cache, or an empty one when the handle has no informers.</summary>
internal static class HandleListers
{
    public static ILister<T>? Optional<T>(FrameworkHandle handle)
        where T : class, IKubernetesObject<V1ObjectMeta>, new() => handle.Informers?.Get<T>().Lister;

    public static ILister<T> Required<T>(FrameworkHandle handle)
        where T : class, IKubernetesObject<V1ObjectMeta>, new() => Optional<T>(handle) ?? new ObjectCache<T>();
}
