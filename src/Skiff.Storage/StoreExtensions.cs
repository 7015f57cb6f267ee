namespace Skiff.Storage;

public static class StoreExtensions
{
    /// <summary>
    /// Read, mutate, compare-and-swap, and on conflict mutate again from the value the store reported,
    /// until the write lands. <paramref name="mutate"/> gets the live value (null when absent) and
    /// returns the new bytes, or null to leave the key alone. Returns the resulting live value.
    /// </summary>
    public static async Task<KeyValue?> GuaranteedUpdateAsync(
        this IStore store,
        string key,
        Func<KeyValue?, byte[]?> mutate,
        CancellationToken ct = default)
    {
        var current = await store.GetAsync(key, ct).ConfigureAwait(false);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var next = mutate(current);
            if (next is null)
            {
                return current;
            }

            try
            {
                if (current is null)
                {
                    var created = await store.CreateAsync(key, next, ct).ConfigureAwait(false);
                    return new KeyValue(key, next, created, created);
                }

                var revision = await store.UpdateAsync(key, next, current.ModRevision, ct).ConfigureAwait(false);
                return new KeyValue(key, next, revision, current.CreateRevision);
            }
            catch (StoreException e) when (e.Kind is StoreErrorKind.Conflict or StoreErrorKind.KeyExists or StoreErrorKind.NotFound)
            {
                current = e.Current ?? await store.GetAsync(key, ct).ConfigureAwait(false);
            }
        }
    }
}
