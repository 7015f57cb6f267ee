namespace Skiff.Scheduler.Framework;

/// <summary>
/// A plugin's verdict. Reasons are the phrases that end up, counted per node, in the FailedScheduling message
/// ("Insufficient cpu", "node(s) didn't match Pod's node affinity/selector").
/// </summary>
public sealed record Status(StatusCode Code, IReadOnlyList<string> Reasons, string? Plugin = null)
{
    public static Status Success { get; } = new(StatusCode.Success, []);

    public static Status Skip { get; } = new(StatusCode.Skip, []);

    public bool IsSuccess => Code == StatusCode.Success;

    public bool IsRejected => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable;

    public static Status Unschedulable(params string[] reasons) => new(StatusCode.Unschedulable, reasons);

    public static Status Unresolvable(params string[] reasons) => new(StatusCode.UnschedulableAndUnresolvable, reasons);

    public static Status Error(string message) => new(StatusCode.Error, [message]);

    public Status WithPlugin(string plugin) => this with { Plugin = plugin };

    public string Message => string.Join(", ", Reasons);
}
