using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Errors;

/// <summary>A failure that reaches the client as a meta/v1 Status object with the given HTTP code.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public StatusDetails? Details { get; }

    /// <summary>Warnings to send in Warning headers alongside the failure.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.ToJson();
        }

        status["code"] = Code;
        return status;
    }
}
