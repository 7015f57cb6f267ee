namespace Skiff.Bench.Controllers;

/// <summary>One run of the Deployment phases: times from the create (or the image change) and the server's usage.</summary>
internal sealed record DeploymentResult(
    TimeSpan AllCreated,
    TimeSpan AllAvailable,
    PhaseUsage Scale,
    TimeSpan RolloutComplete,
    PhaseUsage Rollout,
    double IdleRssMiB);
