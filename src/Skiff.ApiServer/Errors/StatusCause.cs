using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Errors;

/// <summary>One cause of a failure: upstream's reason (FieldValueInvalid, ...), message and field path.</summary>
public sealed record StatusCause(string Reason, string Message, string? Field = null)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["reason"] = Reason, ["message"] = Message };
        if (Field is not null)
        {
            o["field"] = Field;
        }

        return o;
    }
}
