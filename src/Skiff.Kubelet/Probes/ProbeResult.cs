namespace Skiff.Kubelet.Probes;

/// <summary>One probe's outcome and the output or error text upstream puts into the Unhealthy event.</summary>
public readonly record struct ProbeResult(ProbeOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome is ProbeOutcome.Success or ProbeOutcome.Warning;

    public static ProbeResult Success(string message = "") => new(ProbeOutcome.Success, message);

    public static ProbeResult Failure(string message) => new(ProbeOutcome.Failure, message);

    public static ProbeResult Error(string message) => new(ProbeOutcome.Error, message);
}
