using System.Net;
using System.Text.Json;

namespace Skiff.Client.Http;

/// <summary>A Status the API server answered with (HTTP error, or an ERROR event inside a watch).</summary>
public sealed class ApiError(int code, string reason, string message) : Exception($"{code} {reason}: {message}")
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    /// <summary>410 Gone / "Expired": the resourceVersion asked for is older than the server keeps.</summary>
    public bool IsExpired => Code == (int)HttpStatusCode.Gone || Reason is "Expired" or "Gone";

    public static ApiError From(HttpStatusCode status, string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return FromStatus(doc.RootElement, (int)status);
        }
        catch (JsonException)
        {
            return new ApiError((int)status, status.ToString(), body.Length > 200 ? body[..200] : body);
        }
    }

    public static ApiError FromStatus(JsonElement status, int fallbackCode = 500)
    {
        var code = status.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : fallbackCode;
        var reason = status.TryGetProperty("reason", out var r) ? r.GetString() ?? string.Empty : string.Empty;
        var message = status.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
        return new ApiError(code, reason, message);
    }
}
