namespace Skiff.Storage;

public static class StoreLimits
{
    /// <summary>etcd's default request size limit (--max-request-bytes), which we apply to values.</summary>
    public const int MaxValueBytes = 1536 * 1024;
}
