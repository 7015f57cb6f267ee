namespace Skiff.Client.Informers;

/// <summary>
/// A change the informer applied to its cache. <see cref="Old"/> is the cached object before a modification.
/// For a delete seen only through a relist, <see cref="Object"/> is the last state the cache knew.
/// </summary>
public sealed record InformerEvent<T>(InformerEventType Type, T Object, T? Old);
