namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// Owners the API confirmed gone, so a thousand dependents of one deleted owner cost one GET, not a thousand.
/// Bounded like upstream's (500 entries), oldest out first.
/// </summary>
internal sealed class AbsentOwnerCache(int capacity = 500)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _uids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string uid)
    {
        lock (_lock)
        {
            if (!_uids.Add(uid))
            {
                return;
            }

            _order.Enqueue(uid);
            while (_order.Count > capacity)
            {
                _uids.Remove(_order.Dequeue());
            }
        }
    }

    public bool Contains(string uid)
    {
        lock (_lock)
        {
            return _uids.Contains(uid);
        }
    }
}
