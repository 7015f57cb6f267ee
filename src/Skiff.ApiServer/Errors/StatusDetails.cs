using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Errors;

/// <summary>meta/v1 StatusDetails: what object the failure is about, and per-field causes.</summary>
public sealed record StatusDetails(string? Name = null, string? Group = null, string? Kind = null, string? Uid = null)
{
    public IReadOnlyList<StatusCause> Causes { get; init; } = [];

    public int? RetryAfterSeconds { get; init; }

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        if (!string.IsNullOrEmpty(Name))
        {
            o["name"] = Name;
        }

        if (!string.IsNullOrEmpty(Group))
        {
            o["group"] = Group;
        }

        if (!string.IsNullOrEmpty(Kind))
        {
            o["kind"] = Kind;
        }

        if (!string.IsNullOrEmpty(Uid))
        {
            o["uid"] = Uid;
        }

        if (Causes.Count > 0)
        {
            var causes = new JsonArray();
            foreach (var c in Causes)
            {
                causes.Add(c.ToJson());
            }

            o["causes"] = causes;
        }

        if (RetryAfterSeconds is { } retry)
        {
            o["retryAfterSeconds"] = retry;
        }

        return o;
    }
}
