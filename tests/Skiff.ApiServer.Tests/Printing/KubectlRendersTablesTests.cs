using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Printing;

namespace Skiff.ApiServer.Tests.Printing;

/// <summary>
/// Serves tables from a loopback HTTP endpoint and checks what the real kubectl prints from them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class KubectlRendersTablesTests : IDisposable
{
    private const string Kubectl = "/usr/bin/kubectl";
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-printing-").FullName;
    private readonly HttpListener _listener = new();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly TableBuilder _builder;

    public KubectlRendersTablesTests() => _builder = new TableBuilder(new FixedTimeProvider(_now));

    public void Dispose()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }
        _listener.Close();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task GetPodsWide_PrintsServerColumnsAndCells()
    {
        if (!File.Exists(Kubectl))
        {
            return;
        }
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        var serving = Task.Run(Serve);

        var output = await RunKubectl(port, "get", "pods", "-o", "wide");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Collapse).ToList();
        Assert.Equal("NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES", lines[0]);
        Assert.Equal("web-1 2/2 Running 2 (5m ago) 3h 10.0.0.5 n1 <none> <none>", lines[1]);
        Assert.Equal("init-1 0/1 Init:CrashLoopBackOff 4 2m <none> <none> <none> <none>", lines[2]);
        _listener.Stop();
        await Task.WhenAny(serving, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private string Ago(TimeSpan span) =>
        (_now - span).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private JsonObject[] Pods() =>
    [
        TestObjects.Json($"{{'apiVersion':'v1','kind':'Pod','metadata':{{'name':'web-1','namespace':'default','creationTimestamp':'{Ago(TimeSpan.FromHours(3))}'}}," +
            "'spec':{'nodeName':'n1','containers':[{'name':'a'},{'name':'b'}]},'status':{'phase':'Running','podIP':'10.0.0.5','containerStatuses':[" +
            $"{{'name':'a','ready':true,'restartCount':2,'state':{{'running':{{}}}},'lastState':{{'terminated':{{'exitCode':1,'finishedAt':'{Ago(TimeSpan.FromMinutes(5))}'}}}}}}," +
            "{'name':'b','ready':true,'state':{'running':{}}}]}}"),
        TestObjects.Json($"{{'apiVersion':'v1','kind':'Pod','metadata':{{'name':'init-1','namespace':'default','creationTimestamp':'{Ago(TimeSpan.FromMinutes(2))}'}}," +
            "'spec':{'initContainers':[{'name':'i'}],'containers':[{'name':'a'}]},'status':{'phase':'Pending','initContainerStatuses':[" +
            "{'name':'i','restartCount':4,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}"),
    ];

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var body = Respond(context.Request.Url!.AbsolutePath, context.Request.Headers["Accept"]);
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            context.Response.Close();
        }
    }

    private JsonObject? Respond(string path, string? accept) => path switch
    {
        "/version" => TestObjects.Json("{'major':'1','minor':'32','gitVersion':'v1.32.0','platform':'linux/amd64'}"),
        "/api" => TestObjects.Json("{'kind':'APIVersions','versions':['v1'],'serverAddressByClientCIDRs':[{'clientCIDR':'0.0.0.0/0','serverAddress':'127.0.0.1'}]}"),
        "/apis" => TestObjects.Json("{'kind':'APIGroupList','apiVersion':'v1','groups':[]}"),
        "/api/v1" => TestObjects.Json("{'kind':'APIResourceList','groupVersion':'v1','resources':[{'name':'pods','singularName':'pod','namespaced':true,'kind':'Pod','verbs':['get','list']}]}"),
        "/api/v1/namespaces/default/pods" when AcceptNegotiator.Negotiate(accept) is { Transform: OutputTransform.Table } chosen =>
            _builder.ForList(BuiltInPrinters.For("", "Pod"), Pods(), new ListMetadata("7"), new TableRequest(chosen.TransformApiVersion!)),
        _ => null,
    };

    private async Task<string> RunKubectl(int port, params string[] args)
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig,
            $"apiVersion: v1\nkind: Config\nclusters:\n- cluster: {{server: \"http://127.0.0.1:{port}\"}}\n  name: c\n" +
            "contexts:\n- context: {cluster: c, user: u, namespace: default}\n  name: c\ncurrent-context: c\nusers:\n- name: u\n  user: {}\n");
        var start = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(process.ExitCode == 0, await stderr);
        return await stdout;
    }

    private static string Collapse(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
