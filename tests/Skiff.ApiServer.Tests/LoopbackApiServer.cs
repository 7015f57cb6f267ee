using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.ApiServer.Hosting;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests;

/// <summary>
/// A real API server on a loopback port over a fresh SQLite store (no compaction) in a temp dir, with one static
/// admin bearer token, for tests that go through HTTPS. Dispose removes everything.
/// </summary>
internal sealed class LoopbackApiServer : IAsyncDisposable
{
    public const string AdminToken = "loopback-admin-token";

    private readonly DirectoryInfo _dir;

    private LoopbackApiServer(DirectoryInfo dir, IStore store, ApiServerHost host)
    {
        _dir = dir;
        Store = store;
        Host = host;
        Admin = Client(AdminToken);
    }

    public IStore Store { get; }

    public ApiServerHost Host { get; }

    /// <summary>A client holding the admin token (system:masters).</summary>
    public HttpClient Admin { get; }

    public static async Task<LoopbackApiServer> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("skiff-loopback-");
        Directory.CreateDirectory(Path.Combine(dir.FullName, "server"));
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "server", "tokens.csv"), $"{AdminToken},admin,1,system:masters\n");
        var store = await SqliteStore.OpenAsync(Path.Combine(dir.FullName, "state.db"), new StoreOptions { CompactionInterval = TimeSpan.Zero });
        var host = new ApiServerHost(new ApiServerOptions { DataDir = dir.FullName, BindAddress = IPAddress.Loopback, Port = 0 }, store, NullLoggerFactory.Instance, TimeProvider.System);
        await host.StartAsync(default);
        return new LoopbackApiServer(dir, store, host);
    }

    /// <summary>A new client sending <paramref name="bearerToken"/>; the caller disposes it.</summary>
    public HttpClient Client(string bearerToken)
    {
        var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = new Uri($"https://127.0.0.1:{Host.Port}"),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
