namespace Skiff.E2E.Kubelet;

/// <summary>Pods on the server's own kubelet behave as upstream's: probes, volumes that follow their source, pod IPs, preStop, restarts of skiff itself.</summary>
[Trait("Category", "Slow")]
[Collection(AgentCollection.Name)]
public sealed class KubeletPodTests(AgentServerFixture fixture)
{
    private const string Ns = AgentServerFixture.Namespace;

    [Fact]
    public async Task FailingLivenessProbe_RestartsTheContainer()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: unhealthy}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                command: ["sh", "-c", "touch /tmp/healthy; sleep 3; rm /tmp/healthy; sleep 3600"]
                livenessProbe:
                  exec: {command: ["cat", "/tmp/healthy"]}
                  periodSeconds: 1
                  failureThreshold: 1
            """);
        try
        {
            await PodManifests.WaitAsync(kubectl, "unhealthy", async () =>
                int.TryParse(await PodManifests.JsonPathAsync(kubectl, "unhealthy", ".status.containerStatuses[0].restartCount"), out var n) && n >= 1,
                "restarted by its liveness probe", seconds: 60);
            var events = await kubectl.OkAsync($"get events -n {Ns} --field-selector involvedObject.name=unhealthy -o jsonpath={{.items[*].message}}");
            Assert.Contains("failed liveness probe", events, StringComparison.Ordinal);
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "unhealthy");
        }
    }

    [Fact]
    public async Task Pod_GetsAServiceAccountTokenThatTheApiServerAccepts()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: in-cluster}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                command: ["sleep", "3600"]
            """);
        try
        {
            await PodManifests.WaitReadyAsync(kubectl, "in-cluster", seconds: 60);
            const string dir = "/var/run/secrets/kubernetes.io/serviceaccount";
            var token = (await kubectl.OkAsync($"exec -n {Ns} in-cluster -- cat {dir}/token")).Trim();
            Assert.Equal(Ns, (await kubectl.OkAsync($"exec -n {Ns} in-cluster -- cat {dir}/namespace")).Trim());
            var ca = await kubectl.OkAsync($"exec -n {Ns} in-cluster -- cat {dir}/ca.crt");
            Assert.Equal((await File.ReadAllTextAsync(Path.Combine(fixture.DataDir, "server", "tls", "server-ca.crt"))).Trim(), ca.Trim());

            var review = await kubectl.OkAsync("create -o json -f -",
                $"{{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{{\"token\":\"{token}\"}}}}");
            var user = System.Text.Json.Nodes.JsonNode.Parse(review)!["status"]!["user"]!;
            Assert.Equal($"system:serviceaccount:{Ns}:default", (string?)user["username"]);
            Assert.Equal("in-cluster", (string?)user["extra"]!["authentication.kubernetes.io/pod-name"]![0]);
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "in-cluster");
        }
    }

    [Fact]
    public async Task ReadinessProbe_GatesReady()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: gated}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: {{AgentServerFixture.Image("httpd")}}
                imagePullPolicy: Never
                readinessProbe:
                  httpGet: {path: /ready.html, port: 8080}
                  periodSeconds: 1
            """);
        try
        {
            await PodManifests.WaitAsync(kubectl, "gated", async () => await PodManifests.JsonPathAsync(kubectl, "gated", ".status.phase") == "Running", "running");
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal("False", await PodManifests.ReadyAsync(kubectl, "gated"));
            Assert.Equal("false", await PodManifests.JsonPathAsync(kubectl, "gated", ".status.containerStatuses[0].ready"));

            await kubectl.OkAsync($"exec -n {Ns} gated -- sh -c 'echo ok >/tmp/www/ready.html'");
            await PodManifests.WaitReadyAsync(kubectl, "gated", seconds: 30);
            Assert.Equal("true", await PodManifests.JsonPathAsync(kubectl, "gated", ".status.containerStatuses[0].ready"));
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "gated");
        }
    }

    [Fact]
    public async Task ConfigMapUpdate_ReachesTheMountedVolume()
    {
        var kubectl = fixture.Kubectl();
        await kubectl.OkAsync($"create configmap settings -n {Ns} --from-literal=color=blue");
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: configured}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                volumeMounts: [{name: settings, mountPath: /etc/settings}]
              volumes:
              - name: settings
                configMap: {name: settings}
            """);
        try
        {
            await PodManifests.WaitReadyAsync(kubectl, "configured");
            Assert.Equal("blue", await kubectl.OkAsync($"exec -n {Ns} configured -- cat /etc/settings/color"));
            await kubectl.OkAsync($"patch configmap settings -n {Ns} -p '{{\"data\":{{\"color\":\"green\"}}}}'");
            await AgentServerFixture.UntilAsync(
                async () => (await kubectl.RunAsync($"exec -n {Ns} configured -- cat /etc/settings/color")).Stdout == "green",
                TimeSpan.FromSeconds(60),
                () => "the volume to show the new value");
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "configured");
            await kubectl.RunAsync($"delete configmap settings -n {Ns}");
        }
    }

    [Fact]
    public async Task TwoPods_TalkByPodIp()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: server-pod}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: {{AgentServerFixture.Image("httpd")}}
                imagePullPolicy: Never
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client-pod}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
            """);
        try
        {
            await PodManifests.WaitReadyAsync(kubectl, "server-pod");
            await PodManifests.WaitReadyAsync(kubectl, "client-pod");
            var serverIp = await PodManifests.JsonPathAsync(kubectl, "server-pod", ".status.podIP");
            var clientIp = await PodManifests.JsonPathAsync(kubectl, "client-pod", ".status.podIP");
            Assert.NotEqual(serverIp, clientIp);
            Assert.Equal("server-pod\n", await HttpGetAsync(kubectl, "client-pod", serverIp));
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "server-pod");
            await PodManifests.DeleteAsync(kubectl, "client-pod");
        }
    }

    [Fact]
    public async Task DeletingAPod_RunsPreStopAndRemovesItWithinTheGracePeriod()
    {
        var kubectl = fixture.Kubectl();
        var marker = Path.Combine(fixture.HostDir, "prestop-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(marker);
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: stopper}
            spec:
              terminationGracePeriodSeconds: 10
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                volumeMounts: [{name: out, mountPath: /out}]
                lifecycle:
                  preStop:
                    exec: {command: ["sh", "-c", "echo stopping >/out/prestop"]}
              volumes:
              - name: out
                hostPath: {path: {{marker}}, type: Directory}
            """);
        await PodManifests.WaitReadyAsync(kubectl, "stopper");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await kubectl.OkAsync($"delete pod -n {Ns} stopper --wait=true --timeout=60s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"deletion took {clock.Elapsed}");
        Assert.Equal("stopping\n", await File.ReadAllTextAsync(Path.Combine(marker, "prestop")));
    }

    [Fact]
    public async Task Deployment_RunsRealReplicas()
    {
        var kubectl = fixture.Kubectl();
        await kubectl.OkAsync($"create deployment replicas -n {Ns} --image={AgentServerFixture.Image("httpd")} --replicas=2");
        try
        {
            var rollout = await kubectl.RunAsync($"rollout status -n {Ns} deployment/replicas --timeout=120s", timeoutSeconds: 150);
            Assert.True(rollout.ExitCode == 0, $"rollout status failed:\n{rollout.Stderr}\n{rollout.Stdout}");
            var ips = (await kubectl.OkAsync($"get pods -n {Ns} -l app=replicas -o jsonpath={{.items[*].status.podIP}}")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, ips.Distinct().Count());
            var names = (await kubectl.OkAsync($"get pods -n {Ns} -l app=replicas -o jsonpath={{.items[*].metadata.name}}")).Split(' ');
            foreach (var (ip, name) in ips.Zip(names))
            {
                Assert.Equal(name + "\n", await HttpGetAsync(kubectl, names[0], ip));
            }
        }
        finally
        {
            await kubectl.RunAsync($"delete deployment replicas -n {Ns}");
            await kubectl.RunAsync($"delete pods -n {Ns} -l app=replicas --grace-period=1 --wait=false");
        }
    }

    /// <summary>
    /// GET / on port 8080 of <paramref name="ip"/> from inside <paramref name="pod"/>, returning the body. With nc:
    /// the test images' static busybox wget crashes resolving names without the libc's NSS modules.
    /// </summary>
    private static async Task<string> HttpGetAsync(Kubectl kubectl, string pod, string ip)
    {
        var response = await kubectl.OkAsync($"exec -n {Ns} {pod} -- sh -c 'printf \"GET / HTTP/1.0\\r\\n\\r\\n\" | nc {ip} 8080'");
        var body = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(body >= 0, $"no HTTP response from {ip}: {response}");
        return response[(body + 4)..];
    }

    [Fact]
    public async Task KilledSkiff_RestartsWithoutRestartingContainersAndKeepsStatus()
    {
        var kubectl = fixture.Kubectl();
        await PodManifests.ApplyAsync(kubectl, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: survivor}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{AgentServerFixture.Image("shell")}}
                imagePullPolicy: Never
                readinessProbe:
                  exec: {command: ["true"]}
                  periodSeconds: 1
            """);
        try
        {
            await PodManifests.WaitReadyAsync(kubectl, "survivor");
            var before = await PodManifests.JsonPathAsync(kubectl, "survivor", ".status.containerStatuses[0].containerID");
            var startedAt = await PodManifests.JsonPathAsync(kubectl, "survivor", ".status.containerStatuses[0].state.running.startedAt");

            await fixture.KillAndRestartAsync();

            // For a while after the restart the adopted container stays the same one, and the pod stays Ready.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                Assert.Equal("True", await PodManifests.ReadyAsync(kubectl, "survivor"));
                Assert.Equal(before, await PodManifests.JsonPathAsync(kubectl, "survivor", ".status.containerStatuses[0].containerID"));
                await Task.Delay(1000);
            }

            Assert.Equal("0", await PodManifests.JsonPathAsync(kubectl, "survivor", ".status.containerStatuses[0].restartCount"));
            Assert.Equal(startedAt, await PodManifests.JsonPathAsync(kubectl, "survivor", ".status.containerStatuses[0].state.running.startedAt"));
            Assert.Equal("alive\n", await kubectl.OkAsync($"exec -n {Ns} survivor -- echo alive"));
        }
        finally
        {
            await PodManifests.DeleteAsync(kubectl, "survivor");
        }
    }
}
