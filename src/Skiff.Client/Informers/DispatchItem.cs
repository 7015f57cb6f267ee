namespace Skiff.Client.Informers;

/// <summary>
/// What the dispatch loop does next: deliver an event to every handler, or bring a new handler in by replaying the
/// cache as it was when the handler registered (so it sees each later change exactly once after that).
/// </summary>
internal readonly record struct DispatchItem<T>(InformerEvent<T>? Event, HandlerRegistration<T>? NewHandler, IReadOnlyList<T>? Replay);
