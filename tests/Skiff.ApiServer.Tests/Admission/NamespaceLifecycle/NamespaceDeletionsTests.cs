using Microsoft.Extensions.Time.Testing;
using Skiff.ApiServer.Admission.NamespaceLifecycle;

namespace Skiff.ApiServer.Tests.Admission.NamespaceLifecycle;

public sealed class NamespaceDeletionsTests
{
    [Fact]
    public void Deletion_ForcesStoreLookupsForHalfAMinute()
    {
        var time = new FakeTimeProvider();
        var deletions = new NamespaceDeletions(time);
        deletions.Record("a");

        Assert.True(deletions.Recent("a"));
        Assert.False(deletions.Recent("b"));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(deletions.Recent("a"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(deletions.Recent("a"));
    }
}
