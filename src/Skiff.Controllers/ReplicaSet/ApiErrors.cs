using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>Reads the Kubernetes Status inside a failed API call, as upstream's apierrors helpers do.</summary>
internal static class ApiErrors
{
    public static bool IsNotFound(Exception e) => StatusCode(e) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception e) => StatusCode(e) == HttpStatusCode.Conflict;

    /// <summary>The server may still have done what it timed out on (upstream's IsTimeout: 504 or reason Timeout).</summary>
    public static bool IsTimeout(Exception e) =>
        StatusCode(e) == HttpStatusCode.GatewayTimeout || Status(e) is { } s && Text(s, "reason") == "Timeout";

    /// <summary>A create refused because the namespace is being deleted (status cause NamespaceTerminating).</summary>
    public static bool IsNamespaceTerminating(Exception e)
    {
        if (Status(e) is not { } status
            || !status.TryGetProperty("details", out var details)
            || !details.TryGetProperty("causes", out var causes)
            || causes.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        return causes.EnumerateArray().Any(c => Text(c, "reason") == "NamespaceTerminating");
    }

    /// <summary>The Status message when the server sent one (what upstream prints in events), else the exception's.</summary>
    public static string Message(Exception e) => Status(e) is { } s && Text(s, "message") is { Length: > 0 } m ? m : e.Message;

    private static HttpStatusCode? StatusCode(Exception e) => (e as HttpOperationException)?.Response?.StatusCode;

    private static JsonElement? Status(Exception e)
    {
        if ((e as HttpOperationException)?.Response?.Content is not { Length: > 0 } content)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
