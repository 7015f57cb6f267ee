namespace Skiff.Storage;

/// <summary>
/// Paging and consistency for a list. <see cref="Revision"/> 0 means "the newest"; a continue token
/// carries its own revision and start key and overrides <see cref="Revision"/>.
/// </summary>
public sealed record ListOptions(long Limit = 0, string? Continue = null, long Revision = 0)
{
    public static readonly ListOptions All = new();
}
