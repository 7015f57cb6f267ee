namespace Skiff.Client.Controllers;

/// <summary>
/// One controller of the controller manager. Setup runs after this server wins leader election; it builds listers and
/// the reconciler and registers them with <see cref="ControllerContext.NewController"/>.
/// </summary>
public interface IControllerSetup
{
    /// <summary>Upstream's controller name ("replicaset", "deployment", "garbage-collector").</summary>
    string Name { get; }

    void Setup(ControllerContext context);
}
