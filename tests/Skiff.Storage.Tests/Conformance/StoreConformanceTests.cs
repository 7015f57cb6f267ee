using System.Collections.Concurrent;
using System.Text;

namespace Skiff.Storage.Tests.Conformance;

/// <summary>
/// The IStore contract, run against every backend by subclassing. Each test gets its own instance
/// (xunit creates one per test), opens the store once in <see cref="InitializeAsync"/>, and works under
/// its own key <see cref="Prefix"/> so a backend that shares one server between tests stays isolated.
/// Assertions compare against revisions the test itself saw acknowledged, never against "+1", so
/// foreign writes to a shared backend cannot break them.
/// </summary>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    private IStore? _store;

    protected string Prefix { get; } = $"/conformance/{Guid.NewGuid():N}/";

    protected IStore Store => _store ?? throw new InvalidOperationException("store not open");

    /// <summary>
    /// Opens the store under test. The first call of a test gets an empty (or at least
    /// prefix-empty) store; later calls, after the previous one was disposed, see the same data.
    /// </summary>
    protected abstract Task<IStore> OpenStoreAsync();

    /// <summary>Makes a new store out of a snapshot written by <see cref="IStore.SnapshotAsync"/> and opens it.</summary>
    protected abstract Task<IStore> OpenRestoredAsync(string snapshotPath);

    /// <summary>Removes whatever the backend created for this test (temp dirs, processes).</summary>
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }

        await CleanupAsync();
    }

    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await OpenStoreAsync();
    }

    protected static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    protected static string Text(byte[] b) => Encoding.UTF8.GetString(b);

    protected string K(string name) => Prefix + name;

    /// <summary>
    /// A revision to start a watch from. It writes a key outside <see cref="Prefix"/>, because a fresh
    /// store is at revision 0, and a watch from 0 means "from whenever the watch starts", which races
    /// with the writes a test makes right after.
    /// </summary>
    protected async Task<long> NowAsync() => await Store.CreateAsync($"/conformance-seed/{Guid.NewGuid():N}", []);

    private static async Task<StoreException> ThrowsStoreAsync(StoreErrorKind kind, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<StoreException>(action);
        Assert.Equal(kind, e.Kind);
        return e;
    }

    // ---- revisions ----

    [Fact]
    public async Task Writes_TakeStrictlyIncreasingRevisions_ThatSurviveReopen()
    {
        var before = await Store.CurrentRevisionAsync();
        var r1 = await Store.CreateAsync(K("a"), Bytes("1"));
        var r2 = await Store.UpdateAsync(K("a"), Bytes("2"), r1);
        var r3 = await Store.CreateAsync(K("b"), Bytes("1"));
        var r4 = (await Store.DeleteAsync(K("b"))).Revision;
        Assert.True(before < r1 && r1 < r2 && r2 < r3 && r3 < r4, $"{before} {r1} {r2} {r3} {r4}");
        Assert.True(await Store.CurrentRevisionAsync() >= r4);

        await ReopenAsync();

        Assert.True(await Store.CurrentRevisionAsync() >= r4);
        var r5 = await Store.CreateAsync(K("c"), Bytes("1"));
        Assert.True(r5 > r4, $"revision {r5} after reopen reuses or precedes {r4}");
        var a = await Store.GetAsync(K("a"));
        Assert.NotNull(a);
        Assert.Equal(r2, a.ModRevision);
        Assert.Equal(r1, a.CreateRevision);
    }

    [Fact]
    public async Task FailedWrites_DoNotConsumeRevisions()
    {
        var r1 = await Store.CreateAsync(K("a"), Bytes("1"));
        await ThrowsStoreAsync(StoreErrorKind.KeyExists, () => Store.CreateAsync(K("a"), Bytes("2")));
        await ThrowsStoreAsync(StoreErrorKind.Conflict, () => Store.UpdateAsync(K("a"), Bytes("2"), r1 + 1000));
        await using var watch = new WatchCollector(Store, Prefix, r1);
        var r2 = await Store.CreateAsync(K("b"), Bytes("1"));
        var events = await watch.WaitForChangesAsync(1);
        Assert.Equal(r2, events[0].Revision);
        Assert.Single(events);
    }

    // ---- get / create / update / delete ----

    [Fact]
    public async Task Get_OfMissingKey_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(K("missing")));
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsValueAndRevisions()
    {
        var rev = await Store.CreateAsync(K("a"), Bytes("hello"));
        var kv = await Store.GetAsync(K("a"));
        Assert.NotNull(kv);
        Assert.Equal(K("a"), kv.Key);
        Assert.Equal("hello", Text(kv.Value));
        Assert.Equal(rev, kv.ModRevision);
        Assert.Equal(rev, kv.CreateRevision);
    }

    [Fact]
    public async Task Create_WithEmptyValue_RoundTrips()
    {
        var rev = await Store.CreateAsync(K("empty"), []);
        var kv = await Store.GetAsync(K("empty"));
        Assert.NotNull(kv);
        Assert.Empty(kv.Value);
        Assert.Equal(rev, kv.ModRevision);
    }

    [Fact]
    public async Task Create_OfLiveKey_FailsWithKeyExists()
    {
        await Store.CreateAsync(K("a"), Bytes("1"));
        await ThrowsStoreAsync(StoreErrorKind.KeyExists, () => Store.CreateAsync(K("a"), Bytes("2")));
        Assert.Equal("1", Text((await Store.GetAsync(K("a")))!.Value));
    }

    [Fact]
    public async Task Create_AfterDelete_StartsANewCreateRevision()
    {
        var r1 = await Store.CreateAsync(K("a"), Bytes("1"));
        await Store.DeleteAsync(K("a"));
        var r2 = await Store.CreateAsync(K("a"), Bytes("2"));
        var kv = await Store.GetAsync(K("a"));
        Assert.NotNull(kv);
        Assert.True(r2 > r1);
        Assert.Equal(r2, kv.CreateRevision);
        Assert.Equal(r2, kv.ModRevision);
        Assert.Equal("2", Text(kv.Value));
    }

    [Fact]
    public async Task Update_WithCurrentRevision_ReplacesValueAndKeepsCreateRevision()
    {
        var created = await Store.CreateAsync(K("a"), Bytes("1"));
        var updated = await Store.UpdateAsync(K("a"), Bytes("2"), created);
        var kv = await Store.GetAsync(K("a"));
        Assert.NotNull(kv);
        Assert.True(updated > created);
        Assert.Equal("2", Text(kv.Value));
        Assert.Equal(updated, kv.ModRevision);
        Assert.Equal(created, kv.CreateRevision);
    }

    [Fact]
    public async Task Update_WithStaleRevision_FailsWithConflictCarryingCurrentValue()
    {
        var created = await Store.CreateAsync(K("a"), Bytes("1"));
        var updated = await Store.UpdateAsync(K("a"), Bytes("2"), created);
        var e = await ThrowsStoreAsync(StoreErrorKind.Conflict, () => Store.UpdateAsync(K("a"), Bytes("3"), created));
        Assert.NotNull(e.Current);
        Assert.Equal(K("a"), e.Current.Key);
        Assert.Equal("2", Text(e.Current.Value));
        Assert.Equal(updated, e.Current.ModRevision);
        Assert.Equal(created, e.Current.CreateRevision);
        Assert.Equal("2", Text((await Store.GetAsync(K("a")))!.Value));
    }

    [Fact]
    public async Task Update_OfMissingKey_FailsWithNotFound()
    {
        await ThrowsStoreAsync(StoreErrorKind.NotFound, () => Store.UpdateAsync(K("missing"), Bytes("1"), 1));
        var r = await Store.CreateAsync(K("gone"), Bytes("1"));
        await Store.DeleteAsync(K("gone"));
        await ThrowsStoreAsync(StoreErrorKind.NotFound, () => Store.UpdateAsync(K("gone"), Bytes("2"), r));
    }

    [Fact]
    public async Task Delete_ReturnsLastValueAndTheDeleteRevision()
    {
        var created = await Store.CreateAsync(K("a"), Bytes("1"));
        var updated = await Store.UpdateAsync(K("a"), Bytes("2"), created);
        var result = await Store.DeleteAsync(K("a"));
        Assert.Equal("2", Text(result.Deleted.Value));
        Assert.Equal(updated, result.Deleted.ModRevision);
        Assert.Equal(created, result.Deleted.CreateRevision);
        Assert.True(result.Revision > updated);
        Assert.Null(await Store.GetAsync(K("a")));
        Assert.True(await Store.CurrentRevisionAsync() >= result.Revision);
    }

    [Fact]
    public async Task Delete_WithExpectedRevision_DeletesOnlyWhenUnchanged()
    {
        var created = await Store.CreateAsync(K("a"), Bytes("1"));
        var updated = await Store.UpdateAsync(K("a"), Bytes("2"), created);
        var e = await ThrowsStoreAsync(StoreErrorKind.Conflict, () => Store.DeleteAsync(K("a"), created));
        Assert.Equal(updated, e.Current!.ModRevision);
        Assert.NotNull(await Store.GetAsync(K("a")));
        var result = await Store.DeleteAsync(K("a"), updated);
        Assert.Equal(updated, result.Deleted.ModRevision);
        Assert.Null(await Store.GetAsync(K("a")));
    }

    [Fact]
    public async Task Delete_OfMissingKey_FailsWithNotFound()
    {
        await ThrowsStoreAsync(StoreErrorKind.NotFound, () => Store.DeleteAsync(K("missing")));
        await ThrowsStoreAsync(StoreErrorKind.NotFound, () => Store.DeleteAsync(K("missing"), 5));
    }

    [Fact]
    public async Task GuaranteedUpdate_CreatesThenMutates()
    {
        var first = await Store.GuaranteedUpdateAsync(K("g"), cur => Bytes(cur is null ? "1" : "x"));
        var second = await Store.GuaranteedUpdateAsync(K("g"), cur => Bytes(Text(cur!.Value) + "2"));
        Assert.Equal("1", Text(first!.Value));
        Assert.Equal("12", Text(second!.Value));
        Assert.Equal(first.CreateRevision, second.CreateRevision);
        Assert.Equal(second.ModRevision, (await Store.GetAsync(K("g")))!.ModRevision);
    }

    // ---- size limit ----

    [Fact]
    public async Task Value_OverTheLimit_FailsWithTooLarge()
    {
        var tooBig = new byte[StoreLimits.MaxValueBytes + 1];
        await ThrowsStoreAsync(StoreErrorKind.TooLarge, () => Store.CreateAsync(K("big"), tooBig));
        Assert.Null(await Store.GetAsync(K("big")));

        var rev = await Store.CreateAsync(K("big"), new byte[1024 * 1024]);
        await ThrowsStoreAsync(StoreErrorKind.TooLarge, () => Store.UpdateAsync(K("big"), tooBig, rev));
        Assert.Equal(1024 * 1024, (await Store.GetAsync(K("big")))!.Value.Length);
    }

    // ---- list ----

    [Fact]
    public async Task List_ReturnsOnlyLiveKeysUnderThePrefix_InKeyOrder()
    {
        foreach (var name in new[] { "c", "a", "b/x", "b", "d" })
        {
            await Store.CreateAsync(K(name), Bytes(name));
        }

        await Store.DeleteAsync(K("d"));
        await Store.CreateAsync(Prefix.TrimEnd('/') + "-sibling", Bytes("no"));
        var current = await Store.CurrentRevisionAsync();

        var list = await Store.ListAsync(Prefix, ListOptions.All);

        Assert.Equal(new[] { K("a"), K("b"), K("b/x"), K("c") }, list.Items.Select(i => i.Key));
        Assert.Equal(new[] { "a", "b", "b/x", "c" }, list.Items.Select(i => Text(i.Value)));
        Assert.Null(list.Continue);
        Assert.Equal(0, list.RemainingCount);
        Assert.True(list.Revision >= current);
    }

    [Fact]
    public async Task List_ItemsCarryTheirRevisions()
    {
        var created = await Store.CreateAsync(K("a"), Bytes("1"));
        var updated = await Store.UpdateAsync(K("a"), Bytes("2"), created);
        var item = Assert.Single((await Store.ListAsync(Prefix, ListOptions.All)).Items);
        Assert.Equal(updated, item.ModRevision);
        Assert.Equal(created, item.CreateRevision);
    }

    [Fact]
    public async Task List_OfEmptyPrefix_ReturnsNothingAndTheCurrentRevision()
    {
        var rev = await Store.CreateAsync(K("other/a"), Bytes("1"));
        var list = await Store.ListAsync(K("nothing/"), ListOptions.All);
        Assert.Empty(list.Items);
        Assert.True(list.Revision >= rev);
        Assert.Null(list.Continue);
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughOneSnapshot_WhileWritesHappenBetweenPages()
    {
        var revs = new Dictionary<string, long>();
        for (var i = 0; i < 10; i++)
        {
            revs[K($"k{i:D2}")] = await Store.CreateAsync(K($"k{i:D2}"), Bytes($"v{i}"));
        }

        var first = await Store.ListAsync(Prefix, new ListOptions(Limit: 3));
        Assert.Equal(3, first.Items.Count);
        Assert.NotNull(first.Continue);
        Assert.Equal(7, first.RemainingCount);

        // Changes after the snapshot must not show in later pages.
        await Store.UpdateAsync(K("k05"), Bytes("changed"), revs[K("k05")]);
        await Store.DeleteAsync(K("k07"));
        await Store.CreateAsync(K("k04a"), Bytes("new"));
        await Store.DeleteAsync(K("k00"));

        var items = first.Items.ToList();
        var page = first;
        var pages = 1;
        while (page.Continue is not null)
        {
            page = await Store.ListAsync(Prefix, new ListOptions(Limit: 3, Continue: page.Continue));
            Assert.Equal(first.Revision, page.Revision);
            items.AddRange(page.Items);
            pages++;
            if (page.Continue is not null)
            {
                Assert.True(page.RemainingCount > 0);
            }
        }

        Assert.Equal(4, pages);
        Assert.Equal(0, page.RemainingCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => K($"k{i:D2}")), items.Select(i => i.Key));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}"), items.Select(i => Text(i.Value)));
        Assert.All(items, i => Assert.Equal(revs[i.Key], i.ModRevision));
    }

    [Fact]
    public async Task List_AtAnOldRevision_ReturnsTheStateAtThatRevision()
    {
        var ra = await Store.CreateAsync(K("a"), Bytes("a1"));
        var rb = await Store.CreateAsync(K("b"), Bytes("b1"));
        var snapshot = rb;
        await Store.UpdateAsync(K("a"), Bytes("a2"), ra);
        await Store.DeleteAsync(K("b"));
        await Store.CreateAsync(K("c"), Bytes("c1"));

        var old = await Store.ListAsync(Prefix, new ListOptions(Revision: snapshot));
        Assert.Equal(snapshot, old.Revision);
        Assert.Equal(new[] { K("a"), K("b") }, old.Items.Select(i => i.Key));
        Assert.Equal(new[] { "a1", "b1" }, old.Items.Select(i => Text(i.Value)));
        Assert.Equal(new[] { ra, rb }, old.Items.Select(i => i.ModRevision));

        var older = await Store.ListAsync(Prefix, new ListOptions(Revision: ra));
        Assert.Equal(new[] { K("a") }, older.Items.Select(i => i.Key));

        var now = await Store.ListAsync(Prefix, ListOptions.All);
        Assert.Equal(new[] { "a2", "c1" }, now.Items.Select(i => Text(i.Value)));
    }

    [Fact]
    public async Task List_AtAnOldRevision_PagesWithRemainingCount()
    {
        var start = await Store.CurrentRevisionAsync();
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync(K($"k{i}"), Bytes("v"));
        }

        var at = await Store.CurrentRevisionAsync();
        await Store.CreateAsync(K("k9"), Bytes("later"));
        Assert.True(at > start);

        var page = await Store.ListAsync(Prefix, new ListOptions(Limit: 2, Revision: at));
        Assert.Equal(new[] { K("k0"), K("k1") }, page.Items.Select(i => i.Key));
        Assert.Equal(3, page.RemainingCount);
        var next = await Store.ListAsync(Prefix, new ListOptions(Limit: 10, Continue: page.Continue));
        Assert.Equal(new[] { K("k2"), K("k3"), K("k4") }, next.Items.Select(i => i.Key));
        Assert.Null(next.Continue);
    }

    [Fact]
    public async Task List_WithAForeignContinueToken_FailsWithInvalidContinue()
    {
        await Store.CreateAsync(K("a"), Bytes("1"));
        await ThrowsStoreAsync(StoreErrorKind.InvalidContinue, () => Store.ListAsync(Prefix, new ListOptions(Continue: "not-a-token!")));
    }

    // ---- concurrency ----

    [Fact]
    public async Task ConcurrentCasWriters_StoreExactlyTheSuccessfulUpdates_EachRevisionOnce()
    {
        const int Writers = 32;
        const int Rounds = 15;
        var keys = Enumerable.Range(0, 4).Select(i => K($"counter{i}")).ToArray();
        foreach (var key in keys)
        {
            await Store.CreateAsync(key, Bytes("0"));
        }

        var start = await NowAsync();
        await using var watch = new WatchCollector(Store, Prefix, start);
        var successes = new ConcurrentDictionary<string, int>();
        var revisions = new ConcurrentBag<long>();

        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var key = keys[(w + round) % keys.Length];
                if (w % 2 == 0)
                {
                    var result = await Store.GuaranteedUpdateAsync(key, cur => Bytes((int.Parse(Text(cur!.Value)) + 1).ToString()));
                    revisions.Add(result!.ModRevision);
                    successes.AddOrUpdate(key, 1, (_, n) => n + 1);
                }
                else
                {
                    var cur = await Store.GetAsync(key);
                    try
                    {
                        var rev = await Store.UpdateAsync(key, Bytes((int.Parse(Text(cur!.Value)) + 1).ToString()), cur.ModRevision);
                        revisions.Add(rev);
                        successes.AddOrUpdate(key, 1, (_, n) => n + 1);
                    }
                    catch (StoreException e) when (e.Kind == StoreErrorKind.Conflict)
                    {
                        Assert.NotNull(e.Current);
                        Assert.True(e.Current.ModRevision > cur!.ModRevision);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        foreach (var key in keys)
        {
            var value = int.Parse(Text((await Store.GetAsync(key))!.Value));
            Assert.Equal(successes.GetValueOrDefault(key), value);
        }

        var all = revisions.ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(all.Count >= Writers / 2 * Rounds);

        var events = await watch.WaitForChangesAsync(all.Count);
        Assert.Equal(all.Order(), events.Select(e => e.Revision));
        Assert.All(events, e => Assert.Equal(WatchEventType.Modified, e.Type));
    }

    // ---- watch ----

    [Fact]
    public async Task Watch_ReportsAddedModifiedDeleted_WithDeletesCarryingTheLastValue()
    {
        var from = await NowAsync();
        await using var watch = new WatchCollector(Store, Prefix, from);
        var created = await Store.CreateAsync(K("a"), Bytes("1"));
        var updated = await Store.UpdateAsync(K("a"), Bytes("2"), created);
        var deleted = await Store.DeleteAsync(K("a"));

        var events = await watch.WaitForChangesAsync(3);

        Assert.Equal(new[] { WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted }, events.Select(e => e.Type));
        Assert.Equal(new[] { created, updated, deleted.Revision }, events.Select(e => e.Revision));
        Assert.Equal(new[] { "1", "2", "2" }, events.Select(e => Text(e.Value)));
        Assert.All(events, e => Assert.Equal(K("a"), e.Key));
        Assert.All(events, e => Assert.Equal(created, e.CreateRevision));
    }

    [Fact]
    public async Task Watch_SeesOnlyKeysUnderItsPrefix()
    {
        var from = await NowAsync();
        await using var watch = new WatchCollector(Store, K("in/"), from);
        await Store.CreateAsync(K("out/a"), Bytes("x"));
        await Store.CreateAsync(K("in"), Bytes("x"));
        var rev = await Store.CreateAsync(K("in/a"), Bytes("x"));
        await Store.CreateAsync(K("inside"), Bytes("x"));
        var last = await Store.CreateAsync(K("in/b"), Bytes("x"));

        var events = await watch.WaitForChangesAsync(2);
        await Task.Delay(100);

        Assert.Equal(new[] { rev, last }, watch.Changes.Select(e => e.Revision));
    }

    [Fact]
    public async Task Watch_FromZero_StartsAfterTheCurrentRevision()
    {
        await Store.CreateAsync(K("old"), Bytes("x"));
        await using var watch = new WatchCollector(Store, Prefix, 0);

        // A watch from 0 has no defined start until it is registered, so keep writing until it sees one.
        long rev = 0;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (watch.Changes.Count == 0 && DateTime.UtcNow < deadline)
        {
            rev = await Store.CreateAsync(K($"new{Guid.NewGuid():N}"), Bytes("x"));
            await Task.Delay(50);
        }

        var events = await watch.WaitForChangesAsync(1);
        Assert.DoesNotContain(events, e => e.Key == K("old"));
        Assert.True(rev > 0);
    }

    [Fact]
    public async Task Watchers_StartedAtDifferentRevisions_EachSeeEveryLaterEventInOrder_UnderConcurrentWrites()
    {
        var start = await NowAsync();
        var acknowledged = new ConcurrentBag<long>();
        var watchers = new List<(long From, WatchCollector Watch)> { (start, new WatchCollector(Store, Prefix, start)) };

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                var key = K($"w{w}/k{i % 5}");
                var existing = await Store.GetAsync(key);
                acknowledged.Add(existing is null
                    ? await Store.CreateAsync(key, Bytes($"{i}"))
                    : i % 7 == 0 ? (await Store.DeleteAsync(key)).Revision : await Store.UpdateAsync(key, Bytes($"{i}"), existing.ModRevision));
            }
        })).ToArray();

        // Start more watchers from revisions reached while the writers are busy, some from history.
        for (var n = 0; n < 4; n++)
        {
            await Task.Delay(20);
            var from = acknowledged.IsEmpty ? start : acknowledged.Min();
            watchers.Add((from, new WatchCollector(Store, Prefix, from)));
            var now = await Store.CurrentRevisionAsync();
            watchers.Add((now, new WatchCollector(Store, Prefix, now)));
        }

        await Task.WhenAll(writers);
        var all = acknowledged.Order().ToList();
        try
        {
            foreach (var (from, watch) in watchers)
            {
                var expected = all.Where(r => r > from).ToList();
                await watch.WaitForChangesAsync(expected.Count);
                await Task.Delay(20);
                Assert.Equal(expected, watch.Changes.Select(e => e.Revision));
            }
        }
        finally
        {
            foreach (var (_, watch) in watchers)
            {
                await watch.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Watch_FromAnOldRevision_ReplaysHistoryThenContinuesLive()
    {
        var r1 = await Store.CreateAsync(K("a"), Bytes("1"));
        var r2 = await Store.UpdateAsync(K("a"), Bytes("2"), r1);
        var r3 = (await Store.DeleteAsync(K("a"))).Revision;

        await using var watch = new WatchCollector(Store, Prefix, r1);
        await watch.WaitForChangesAsync(2);
        var r4 = await Store.CreateAsync(K("b"), Bytes("x"));
        var events = await watch.WaitForChangesAsync(3);

        Assert.Equal(new[] { r2, r3, r4 }, events.Select(e => e.Revision));
        Assert.Equal(new[] { WatchEventType.Modified, WatchEventType.Deleted, WatchEventType.Added }, events.Select(e => e.Type));
        Assert.Equal("2", Text(events[1].Value));
    }

    [Fact]
    public async Task Watch_WhenIdle_EmitsProgressCoveringEverythingDelivered()
    {
        var from = await NowAsync();
        var options = new WatchOptions(ProgressInterval: TimeSpan.FromMilliseconds(100));
        await using var watch = new WatchCollector(Store, Prefix, from, options);
        var rev = await Store.CreateAsync(K("a"), Bytes("1"));
        await watch.WaitForChangesAsync(1);

        await watch.WaitUntilAsync(
            () => watch.All.SkipWhile(e => e.Type != WatchEventType.Added).Any(e => e.Type == WatchEventType.Progress),
            TimeSpan.FromSeconds(10),
            "a progress event after the change");

        var all = watch.All;
        var progress = all.SkipWhile(e => e.Type != WatchEventType.Added).First(e => e.Type == WatchEventType.Progress);
        Assert.True(progress.Revision >= rev, $"progress {progress.Revision} < last delivered {rev}");
        long last = 0;
        foreach (var e in all)
        {
            Assert.True(e.Revision >= last, "progress or change went backwards");
            last = e.Revision;
        }
    }

    [Fact]
    public async Task Watch_WithoutProgressInterval_SendsNoProgress()
    {
        var from = await NowAsync();
        await using var watch = new WatchCollector(Store, Prefix, from, new WatchOptions(ProgressInterval: null));
        await Store.CreateAsync(K("a"), Bytes("1"));
        await watch.WaitForChangesAsync(1);
        await Task.Delay(300);
        Assert.DoesNotContain(watch.All, e => e.Type == WatchEventType.Progress);
    }

    [Fact]
    public async Task Watch_ResumesFromTheLastSeenRevision_AfterTheStoreIsReopened()
    {
        var from = await NowAsync();
        long lastSeen;
        var r1 = await Store.CreateAsync(K("a"), Bytes("1"));
        var r2 = await Store.CreateAsync(K("b"), Bytes("1"));
        await using (var watch = new WatchCollector(Store, Prefix, from))
        {
            var seen = await watch.WaitForChangesAsync(2);
            lastSeen = seen[^1].Revision;
            Assert.Equal(r2, lastSeen);
        }

        var r3 = await Store.UpdateAsync(K("a"), Bytes("2"), r1);
        await ReopenAsync();
        var r4 = (await Store.DeleteAsync(K("b"))).Revision;

        await using var resumed = new WatchCollector(Store, Prefix, lastSeen);
        var events = await resumed.WaitForChangesAsync(2);
        await Task.Delay(50);
        Assert.Equal(new[] { r3, r4 }, resumed.Changes.Select(e => e.Revision));
        Assert.Equal(WatchEventType.Deleted, events[1].Type);
    }

    [Fact]
    public async Task Watch_SlowConsumer_EndsWithWatchLagging_WhileAFastWatcherAndWritersAreUnaffected()
    {
        const int Writes = 200;
        var from = await NowAsync();
        var slow = Store.WatchAsync(Prefix, from, new WatchOptions(BufferSize: 10)).GetAsyncEnumerator();
        try
        {
            // Take one event so the slow watcher is surely registered, then stop reading.
            var first = await Store.CreateAsync(K("first"), Bytes("x"));
            Assert.True(await slow.MoveNextAsync());
            Assert.Equal(first, slow.Current.Revision);

            await using var fast = new WatchCollector(Store, Prefix, first);
            var writes = Task.Run(async () =>
            {
                for (var i = 0; i < Writes; i++)
                {
                    await Store.CreateAsync(K($"k{i:D4}"), Bytes("x"));
                }
            });
            Assert.Same(writes, await Task.WhenAny(writes, Task.Delay(TimeSpan.FromSeconds(30))));
            await writes;
            var fastEvents = await fast.WaitForChangesAsync(Writes);
            Assert.Equal(Writes, fastEvents.Count);

            var delivered = new List<long>();
            var e = await Assert.ThrowsAsync<StoreException>(async () =>
            {
                while (await slow.MoveNextAsync())
                {
                    delivered.Add(slow.Current.Revision);
                }
            });
            Assert.Equal(StoreErrorKind.WatchLagging, e.Kind);
            Assert.True(delivered.Count < Writes, $"slow watcher got all {delivered.Count} events");

            // What was delivered before the error is a gap-free prefix, so resuming from its end is safe.
            var expected = fastEvents.Select(f => f.Revision).Take(delivered.Count);
            Assert.Equal(expected, delivered);
        }
        finally
        {
            await slow.DisposeAsync();
        }
    }

    [Fact]
    public async Task Watch_EndsWhenCancelled()
    {
        using var cts = new CancellationTokenSource();
        var from = await Store.CurrentRevisionAsync();
        var enumerator = Store.WatchAsync(Prefix, from, null, cts.Token).GetAsyncEnumerator(cts.Token);
        var move = enumerator.MoveNextAsync().AsTask();
        await cts.CancelAsync();
        var e = await Record.ExceptionAsync(() => move);
        Assert.IsAssignableFrom<OperationCanceledException>(e);
        await enumerator.DisposeAsync();
    }

    // ---- compaction ----

    [Fact]
    public async Task Compact_ThenListOrWatchBelowIt_FailsWithCompacted_AndLiveDataStays()
    {
        var ra = await Store.CreateAsync(K("a"), Bytes("a1"));
        var ra2 = await Store.UpdateAsync(K("a"), Bytes("a2"), ra);
        var rb = await Store.CreateAsync(K("b"), Bytes("b1"));
        await Store.DeleteAsync(K("b"));
        var rc = await Store.CreateAsync(K("c"), Bytes("c1"));
        var compactAt = rc;
        var rc2 = await Store.UpdateAsync(K("c"), Bytes("c2"), rc);

        await Store.CompactAsync(compactAt);

        var le = await ThrowsStoreAsync(StoreErrorKind.Compacted, () => Store.ListAsync(Prefix, new ListOptions(Revision: rb)));
        Assert.True(le.CompactRevision >= compactAt);
        await ThrowsStoreAsync(StoreErrorKind.Compacted, async () =>
        {
            await foreach (var _ in Store.WatchAsync(Prefix, ra))
            {
            }
        });

        var atCompact = await Store.ListAsync(Prefix, new ListOptions(Revision: compactAt));
        Assert.Equal(new[] { K("a"), K("c") }, atCompact.Items.Select(i => i.Key));
        Assert.Equal(new[] { "a2", "c1" }, atCompact.Items.Select(i => Text(i.Value)));
        Assert.Equal(new[] { ra2, rc }, atCompact.Items.Select(i => i.ModRevision));

        var now = await Store.ListAsync(Prefix, ListOptions.All);
        Assert.Equal(new[] { "a2", "c2" }, now.Items.Select(i => Text(i.Value)));
        Assert.Equal(ra, (await Store.GetAsync(K("a")))!.CreateRevision);

        await using var watch = new WatchCollector(Store, Prefix, compactAt);
        var events = await watch.WaitForChangesAsync(1);
        Assert.Equal(rc2, events[0].Revision);

        var status = await Store.StatusAsync();
        Assert.True(status.CompactRevision >= compactAt);
    }

    [Fact]
    public async Task Compact_InvalidatesAContinueTokenFromBeforeIt()
    {
        for (var i = 0; i < 4; i++)
        {
            await Store.CreateAsync(K($"k{i}"), Bytes("x"));
        }

        var page = await Store.ListAsync(Prefix, new ListOptions(Limit: 2));
        var rev = await Store.UpdateAsync(K("k3"), Bytes("y"), (await Store.GetAsync(K("k3")))!.ModRevision);
        await Store.CompactAsync(rev);
        await ThrowsStoreAsync(StoreErrorKind.Compacted, () => Store.ListAsync(Prefix, new ListOptions(Limit: 2, Continue: page.Continue)));
    }

    [Fact]
    public async Task CompactRevision_SurvivesReopen()
    {
        var r1 = await Store.CreateAsync(K("a"), Bytes("1"));
        var r2 = await Store.UpdateAsync(K("a"), Bytes("2"), r1);
        await Store.UpdateAsync(K("a"), Bytes("3"), r2);
        await Store.CompactAsync(r2);
        await ReopenAsync();
        await ThrowsStoreAsync(StoreErrorKind.Compacted, () => Store.ListAsync(Prefix, new ListOptions(Revision: r1)));
        Assert.Equal("3", Text((await Store.GetAsync(K("a")))!.Value));
    }

    // ---- status, snapshot ----

    [Fact]
    public async Task Status_ReportsHealthyAndTheRevisions()
    {
        var rev = await Store.CreateAsync(K("a"), Bytes("1"));
        var status = await Store.StatusAsync();
        Assert.True(status.Healthy, status.Error);
        Assert.False(string.IsNullOrEmpty(status.Backend));
        Assert.True(status.CurrentRevision >= rev);
        Assert.True(status.DbSizeBytes > 0);
        Assert.True(status.CompactRevision <= status.CurrentRevision);
    }

    [Fact]
    public async Task Snapshot_ThenRestore_GivesTheSameDataAndRevisions()
    {
        var ra = await Store.CreateAsync(K("a"), Bytes("1"));
        await Store.UpdateAsync(K("a"), Bytes("2"), ra);
        await Store.CreateAsync(K("b"), new byte[100_000]);
        await Store.CreateAsync(K("c"), Bytes("3"));
        await Store.DeleteAsync(K("c"));
        var before = await Store.ListAsync(Prefix, ListOptions.All);
        var revision = await Store.CurrentRevisionAsync();

        var dir = Directory.CreateTempSubdirectory("skiff-snapshot-");
        try
        {
            var path = Path.Combine(dir.FullName, "snap.db");
            await Store.SnapshotAsync(path);
            Assert.True(File.Exists(path));

            // The live store goes on independently of the snapshot.
            await Store.CreateAsync(K("after"), Bytes("x"));

            await using var restored = await OpenRestoredAsync(path);
            var after = await restored.ListAsync(Prefix, ListOptions.All);
            Assert.Equal(before.Items.Select(i => (i.Key, Text(i.Value), i.ModRevision, i.CreateRevision)), after.Items.Select(i => (i.Key, Text(i.Value), i.ModRevision, i.CreateRevision)));
            Assert.True(await restored.CurrentRevisionAsync() >= revision);
            var next = await restored.CreateAsync(K("d"), Bytes("4"));
            Assert.True(next > revision);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
