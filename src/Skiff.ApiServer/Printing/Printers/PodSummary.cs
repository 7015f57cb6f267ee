namespace Skiff.ApiServer.Printing.Printers;

/// <summary>What a pod's row says about its containers.</summary>
internal sealed record PodSummary(int Ready, int Total, string Reason, long Restarts, DateTimeOffset? LastRestart);
