namespace Skiff.HollowNodes.Tests.Scheduling;

/// <summary>Waits (briefly, in real time) for background loops to catch up after a fake clock moved.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(5);
        }
    }
}
