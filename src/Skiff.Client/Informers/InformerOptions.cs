namespace Skiff.Client.Informers;

/// <summary>How informers list and watch; upstream reflector values by default.</summary>
public sealed record InformerOptions
{
    public static InformerOptions Default { get; } = new();

    /// <summary>Objects per list page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Each watch asks the server to end it after a random time in [min, 2×min), as upstream's reflector.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
