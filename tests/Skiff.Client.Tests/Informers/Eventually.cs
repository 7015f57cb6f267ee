namespace Skiff.Client.Tests.Informers;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; background loops run on real threads, so tests wait for them.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(10);
        }
    }
}
