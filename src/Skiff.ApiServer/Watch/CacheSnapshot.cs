namespace Skiff.ApiServer.Watch;

/// <summary>The cache's objects under one namespace (or all), in key order, as of <see cref="Revision"/>.</summary>
public sealed record CacheSnapshot(IReadOnlyList<CachedObject> Objects, long Revision);
