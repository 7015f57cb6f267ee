using k8s;
using k8s.Models;

namespace Skiff.Client.Informers;

/// <summary>
/// One term's view of a process-wide informer factory: the informers (and their caches) outlive the term, the handlers
/// registered through the scope do not. Components that lead in turns (scheduler, controller manager) share one set of
/// informers this way, so the server process decodes each watch event once instead of once per component.
/// </summary>
/// <remarks>
/// The owner of the shared factory starts it for the process's lifetime; <see cref="Start"/> here leaves it alone, so
/// a term that ends does not stop informers another component still reads.
/// </remarks>
public sealed class InformerScope(ISharedInformerFactory shared) : ISharedInformerFactory, IDisposable
{
    private readonly List<IDisposable> _registrations = [];
    private bool _disposed;

    public IInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>, new() => new ScopedInformer<T>(shared.Get<T>(), this);

    public IInformer<PartialObject> GetMetadata(string group, string version, string plural) =>
        new ScopedInformer<PartialObject>(shared.GetMetadata(group, version, plural), this);

    public void Start(CancellationToken ct)
    {
    }

    /// <summary>Stops every handler registered through this scope; the informers keep running.</summary>
    public void Dispose()
    {
        IDisposable[] registrations;
        lock (_registrations)
        {
            _disposed = true;
            registrations = [.. _registrations];
            _registrations.Clear();
        }

        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }

    internal IDisposable Track(IDisposable registration)
    {
        lock (_registrations)
        {
            if (!_disposed)
            {
                _registrations.Add(registration);
                return registration;
            }
        }

        // Registered after the term ended (a controller still setting up): it must not receive anything.
        registration.Dispose();
        return registration;
    }
}
