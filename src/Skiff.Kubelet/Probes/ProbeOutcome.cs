namespace Skiff.Kubelet.Probes;

public enum ProbeOutcome
{
    Success,

    /// <summary>Counts as success; the message is worth an event (an HTTP probe that stopped at a redirect to another host).</summary>
    Warning,
    Failure,

    /// <summary>The probe could not run (a named port that does not exist); counts as failure, reported as "errored".</summary>
    Error,
}
