using System.Net.WebSockets;

namespace Skiff.ApiServer.Handlers;

/// <summary>One WebSocket text message per event, as upstream serves watches to WebSocket clients.</summary>
internal sealed class WebSocketWatchSink(WebSocket socket) : IWatchSink
{
    private readonly List<byte[]> _pending = [];

    public void Add(ReadOnlySpan<byte> eventJson) => _pending.Add(eventJson.ToArray());

    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var message in _pending)
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }

        _pending.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        socket.Dispose();
    }
}
