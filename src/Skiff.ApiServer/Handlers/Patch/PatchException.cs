using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// A patch that could not be decoded or applied, carrying the Status upstream answers with. <see cref="Exception.Message"/>
/// is the engine's own explanation; <see cref="StatusMessage"/> is what the client sees, which for 422s is upstream's
/// generic sentence (kube-apiserver drops the engine's text there).
/// </summary>
internal sealed class PatchException : Exception
{
    private PatchException(int code, string reason, string statusMessage, string detail, bool emptyDetails)
        : base(detail)
    {
        Code = code;
        Reason = reason;
        StatusMessage = statusMessage;
        HasEmptyDetails = emptyDetails;
    }

    /// <summary>The HTTP status code: 400, 413, 415, 422 or 500.</summary>
    public int Code { get; }

    /// <summary>The Status reason ("BadRequest", "Invalid", "UnsupportedMediaType"); empty for upstream's "unknown".</summary>
    public string Reason { get; }

    public string StatusMessage { get; }

    /// <summary>Upstream's generic server responses carry an empty <c>details</c> object.</summary>
    public bool HasEmptyDetails { get; }

    public static PatchException BadRequest(string message) => new(400, "BadRequest", message, message, emptyDetails: false);

    public static PatchException UnsupportedMediaType(IEnumerable<string> accepted)
    {
        var message = "the body of the request was in an unknown format - accepted media types include: "
            + string.Join(", ", accepted);
        return new(415, "UnsupportedMediaType", message, message, emptyDetails: false);
    }

    public static PatchException TooLarge(string message) =>
        new(413, "RequestEntityTooLarge", "Request entity too large: " + message, message, emptyDetails: false);

    /// <summary>A patch that decodes but cannot apply (upstream's <c>NewGenericServerResponse(422, ...)</c>).</summary>
    public static PatchException Unprocessable(string detail) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request", detail, emptyDetails: true);

    /// <summary>
    /// A plain error from upstream's patch code that no handler translates; kube-apiserver answers 500 with the
    /// error's text and no reason.
    /// </summary>
    public static PatchException Internal(string message) => new(500, string.Empty, message, message, emptyDetails: false);

    /// <summary>The meta/v1 Status object for the response body.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = StatusMessage,
        };
        if (Reason.Length > 0)
        {
            status["reason"] = Reason;
        }

        if (HasEmptyDetails)
        {
            status["details"] = new JsonObject();
        }

        status["code"] = Code;
        return status;
    }
}
