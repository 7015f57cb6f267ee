namespace Skiff.ApiServer.Printing;

/// <summary>The list metadata a Table copies from the list it was made from.</summary>
public sealed record TableListMeta(string? ResourceVersion, string? Continue = null, long? RemainingItemCount = null);
