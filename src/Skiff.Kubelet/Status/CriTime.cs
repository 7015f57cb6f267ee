namespace Skiff.Kubelet.Status;

/// <summary>CRI timestamps are nanoseconds since the Unix epoch; API times have whole seconds.</summary>
public static class CriTime
{
    public static DateTime? ToDateTime(long nanoseconds) =>
        nanoseconds <= 0 ? null : DateTime.UnixEpoch.AddSeconds(nanoseconds / 1_000_000_000);
}
