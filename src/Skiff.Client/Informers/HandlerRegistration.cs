namespace Skiff.Client.Informers;

/// <summary>One handler of an informer; disposing it stops deliveries (the one running finishes).</summary>
internal sealed class HandlerRegistration<T>(Action<InformerEvent<T>> handler) : IDisposable
{
    private volatile bool _disposed;

    public bool Disposed => _disposed;

    public Action<InformerEvent<T>> Handler { get; } = handler;

    public void Dispose() => _disposed = true;
}
