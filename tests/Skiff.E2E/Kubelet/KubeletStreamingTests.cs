using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Skiff.E2E.Kubelet;

/// <summary>
/// kubectl logs, exec, attach, port-forward and cp through the API server's kubelet proxy to the real kubelet and
/// containerd. Each kubectl from 1.27 to 1.33 runs exec, logs and port-forward, since they choose between SPDY and
/// WebSocket differently.
/// </summary>
[Trait("Category", "Slow")]
[Collection(AgentCollection.Name)]
public sealed partial class KubeletStreamingTests(AgentServerFixture fixture) : IAsyncLifetime
{
    private const string Ns = AgentServerFixture.Namespace;

    public static TheoryData<string> Versions => new(Kubectl.Versions);

    /// <summary>The shared pods: "talker" prints two lines then a tick a second; "web" is the httpd image.</summary>
    public async Task InitializeAsync()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: talker}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                command: ["sh", "-c", "echo hello; echo world; i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: {{AgentServerFixture.Image("httpd")}}
                imagePullPolicy: Never
            """);
        await PodManifests.WaitReadyAsync(kubectl, "talker");
        await PodManifests.WaitReadyAsync(kubectl, "web");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Exec_ReturnsOutputAndExitCode(string version)
    {
        var result = await fixture.Kubectl(version).RunAsync($"exec -n {Ns} talker -- sh -c 'echo out; echo err >&2; exit 3'");
        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Equal("out\n", result.Stdout);
        Assert.Contains("err", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ExecWithStdin_PassesInputThrough(string version)
    {
        var result = await fixture.Kubectl(version).RunAsync($"exec -i -n {Ns} talker -- cat", stdin: "piped line one\npiped line two\n");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Equal("piped line one\npiped line two\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ExecWithTerminal_RunsTheCommandOnATty(string version)
    {
        // kubectl at a terminal: -t asks the kubelet for a TTY, so the command sees one and output comes back through it.
        var result = await fixture.Kubectl(version).RunInTerminalAsync($"exec -it -n {Ns} talker -- sh -c 'tty; echo typed-$((6*7)); exit 3'");
        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Stdout} {result.Stderr}");
        Assert.Matches(@"/dev/pts/\d+\r?\n", result.Stdout);
        Assert.Contains("typed-42", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Logs_ShowOutputTailAndFollow(string version)
    {
        var kubectl = fixture.Kubectl(version);
        var all = string.Empty;
        await AgentServerFixture.UntilAsync(
            async () => (all = await kubectl.OkAsync($"logs -n {Ns} talker")).Contains("tick 1\n", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            () => $"two ticks in the log; got {all}");
        Assert.StartsWith("hello\nworld\ntick 0\n", all, StringComparison.Ordinal);
        var tail = await kubectl.OkAsync($"logs -n {Ns} talker --tail=1");
        Assert.Matches(TickLine(), tail.TrimEnd('\n'));

        using var follow = kubectl.Start($"logs -f -n {Ns} talker --tail=1");
        try
        {
            var first = await ReadLineAsync(follow);
            var next = await ReadLineAsync(follow);
            Assert.Matches(TickLine(), first);
            Assert.True(Tick(next) > Tick(first), $"followed lines {first} then {next}");
        }
        finally
        {
            await StopAsync(follow);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task PortForward_ReachesTheHttpServer(string version)
    {
        using var forward = fixture.Kubectl(version).Start($"port-forward -n {Ns} pod/web :8080");
        try
        {
            var line = await ReadLineAsync(forward);
            var match = ForwardingLine().Match(line);
            Assert.True(match.Success, $"port-forward said: {line}");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            Assert.Equal("web\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{match.Groups[1].Value}/")));
            Assert.Equal("web\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{match.Groups[1].Value}/index.html")));
        }
        finally
        {
            await StopAsync(forward);
        }
    }

    [Fact]
    public async Task Attach_StreamsTheRunningContainersOutput()
    {
        using var attach = fixture.Kubectl().Start($"attach -n {Ns} talker");
        try
        {
            string line;
            do
            {
                line = await ReadLineAsync(attach);
            }
            while (line.StartsWith("If you don't see", StringComparison.Ordinal) || line.Length == 0);

            Assert.Matches(TickLine(), line);
        }
        finally
        {
            await StopAsync(attach);
        }
    }

    [Fact]
    public async Task AttachWithStdin_ReachesTheContainersInput()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: reader}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                stdin: true
                command: ["sh", "-c", "while read l; do echo got:$l; done"]
            """);
        try
        {
            await PodManifests.WaitReadyAsync(kubectl, "reader");
            using var attach = kubectl.Start($"attach -i -n {Ns} reader", redirectStdin: true);
            try
            {
                var answer = Task.Run(async () =>
                {
                    string? line;
                    while ((line = await attach.StandardOutput.ReadLineAsync()) is not null)
                    {
                        if (line.StartsWith("got:", StringComparison.Ordinal))
                        {
                            return line;
                        }
                    }

                    return null;
                });

                // Lines typed before the stream is set up reach nobody, as with a real terminal; keep typing until one is echoed.
                var clock = Stopwatch.StartNew();
                while (!answer.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await attach.StandardInput.WriteLineAsync("ping");
                    await attach.StandardInput.FlushAsync();
                    await Task.WhenAny(answer, Task.Delay(1000));
                }

                Assert.True(answer.IsCompleted, "no answer from the attached container");
                Assert.Equal("got:ping", await answer);
            }
            finally
            {
                await StopAsync(attach);
            }
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "reader");
        }
    }

    [Fact]
    public async Task Cp_RoundTripsAFile()
    {
        var kubectl = fixture.Kubectl("1.32");
        var dir = Directory.CreateTempSubdirectory("skiff-e2e-cp-").FullName;
        try
        {
            var local = Path.Combine(dir, "in.txt");
            var content = "line one\nline two " + Guid.NewGuid() + "\n";
            await File.WriteAllTextAsync(local, content);
            await kubectl.OkAsync($"cp {local} {Ns}/talker:/tmp/copied.txt");
            Assert.Equal(content, await kubectl.OkAsync($"exec -n {Ns} talker -- cat /tmp/copied.txt"));
            var back = Path.Combine(dir, "out.txt");
            await kubectl.OkAsync($"cp {Ns}/talker:/tmp/copied.txt {back}");
            Assert.Equal(content, await File.ReadAllTextAsync(back));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task LogsPrevious_ShowTheRestartedContainersEarlierRun()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: crasher}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                command: ["sh", "-c", "echo run $(cat /proc/sys/kernel/random/uuid); sleep 1; exit 1"]
            """);
        try
        {
            await PodManifests.WaitAsync(kubectl, "crasher", async () =>
                int.TryParse(await PodManifests.JsonPathAsync(kubectl, "crasher", ".status.containerStatuses[0].restartCount"), out var n) && n >= 1, "restarted");
            var previous = await kubectl.OkAsync($"logs -n {Ns} crasher --previous");
            Assert.Matches("^run [0-9a-f-]{36}\n$", previous);
            var current = await kubectl.RunAsync($"logs -n {Ns} crasher");
            Assert.NotEqual(previous, current.Stdout);
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "crasher");
        }
    }

    private static async Task<string> ReadLineAsync(Process process)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null)
        {
            await process.WaitForExitAsync();
            Assert.Fail($"kubectl ended ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
        }

        return line;
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    private static int Tick(string line) => int.Parse(line["tick ".Length..], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^tick [0-9]+$")]
    private static partial Regex TickLine();

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:([0-9]+) -> 8080")]
    private static partial Regex ForwardingLine();
}
