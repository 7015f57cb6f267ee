namespace Skiff.E2E.Kubelet;

/// <summary>Applies pod manifests and reads their status with kubectl, as a user would.</summary>
internal static class PodManifests
{
    public static async Task ApplyAsync(Kubectl kubectl, string yaml) =>
        await kubectl.OkAsync($"apply -n {AgentServerFixture.Namespace} -f -", yaml);

    public static async Task<string> JsonPathAsync(Kubectl kubectl, string pod, string path)
    {
        var result = await kubectl.RunAsync($"get pod -n {AgentServerFixture.Namespace} {pod} -o jsonpath={{{path}}}");
        return result.ExitCode == 0 ? result.Stdout : string.Empty;
    }

    public static Task<string> ReadyAsync(Kubectl kubectl, string pod) =>
        JsonPathAsync(kubectl, pod, ".status.conditions[?(@.type==\"Ready\")].status");

    public static Task WaitReadyAsync(Kubectl kubectl, string pod, int seconds = 90) =>
        WaitAsync(kubectl, pod, async () => await ReadyAsync(kubectl, pod) == "True", "Ready", seconds);

    public static Task WaitAsync(Kubectl kubectl, string pod, Func<Task<bool>> condition, string what, int seconds = 90) =>
        AgentServerFixture.UntilAsync(condition, TimeSpan.FromSeconds(seconds), () =>
        {
            var status = kubectl.RunAsync($"get pod -n {AgentServerFixture.Namespace} {pod} -o jsonpath={{.status}}").GetAwaiter().GetResult();
            return $"pod {pod} {what}; status: {status.Stdout}";
        });

    public static async Task DeleteAsync(Kubectl kubectl, string pod) =>
        await kubectl.RunAsync($"delete pod -n {AgentServerFixture.Namespace} {pod} --grace-period=1 --wait=false");
}
