using Skiff.Client.Controllers;

namespace Skiff.Controllers.Hosting;

/// <summary>Every controller the controller manager runs. One line per controller, so adding one is a one-line merge.</summary>
public static class ControllerRegistry
{
    public static IReadOnlyList<IControllerSetup> All() =>
    [
    ];
}
