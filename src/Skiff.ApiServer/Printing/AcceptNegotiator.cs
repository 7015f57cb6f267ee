using System.Globalization;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// Picks the response form from an Accept header the way kube-apiserver does: clauses in
/// q order, the first one the server can serve wins, and as=Table;g=meta.k8s.io;v=v1 (or v1beta1)
/// asks for server-side printing.
/// </summary>
internal static class AcceptNegotiator
{
    private const string MetaGroup = "meta.k8s.io";
    private const string Protobuf = "vnd.kubernetes.protobuf";

    /// <summary>
    /// The chosen media type, or null when nothing acceptable can be served (upstream's 406
    /// NotAcceptable). A protobuf-only Accept gets JSON: Skiff does not encode protobuf, and
    /// every upstream client that asks for protobuf also decodes JSON.
    /// </summary>
    public static OutputMediaType? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return OutputMediaType.Json;
        }

        var sawProtobuf = false;
        foreach (var clause in Parse(accept))
        {
            if (clause.Type == "application" && clause.SubType == Protobuf)
            {
                sawProtobuf = true;
                continue;
            }
            foreach (var format in new[] { OutputFormat.Json, OutputFormat.Yaml })
            {
                var subType = format == OutputFormat.Json ? "json" : "yaml";
                var matches = (clause.Type == "application" && (clause.SubType == subType || clause.SubType == "*")) ||
                    (clause.Type == "*" && clause.SubType == "*");
                if (matches && TryOptions(clause.Parameters, format) is { } chosen)
                {
                    return chosen;
                }
            }
        }
        return sawProtobuf ? OutputMediaType.Json : null;
    }

    private static OutputMediaType? TryOptions(IReadOnlyDictionary<string, string> parameters, OutputFormat format)
    {
        parameters.TryGetValue("as", out var kind);
        parameters.TryGetValue("g", out var group);
        parameters.TryGetValue("v", out var version);
        var pretty = parameters.TryGetValue("pretty", out var p) && p == "1";
        if (kind is null && group is null && version is null)
        {
            return new OutputMediaType(format, Pretty: pretty);
        }
        if (group != MetaGroup || version is not ("v1" or "v1beta1"))
        {
            return null;
        }
        var transform = kind switch
        {
            "Table" => OutputTransform.Table,
            "PartialObjectMetadata" => OutputTransform.PartialObjectMetadata,
            "PartialObjectMetadataList" => OutputTransform.PartialObjectMetadataList,
            _ => OutputTransform.None,
        };
        return transform == OutputTransform.None ? null : new OutputMediaType(format, transform, $"{MetaGroup}/{version}", pretty);
    }

    private static IEnumerable<AcceptClause> Parse(string accept)
    {
        var clauses = new List<AcceptClause>();
        foreach (var part in accept.Split(','))
        {
            var pieces = part.Split(';');
            var mediaRange = pieces[0].Trim().ToLowerInvariant();
            var slash = mediaRange.IndexOf('/');
            if (slash <= 0 || slash == mediaRange.Length - 1)
            {
                if (mediaRange == "*")
                {
                    mediaRange = "*/*";
                    slash = 1;
                }
                else
                {
                    continue;
                }
            }
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var q = 1.0;
            foreach (var raw in pieces.Skip(1))
            {
                var eq = raw.IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }
                var key = raw[..eq].Trim();
                var value = raw[(eq + 1)..].Trim().Trim('"');
                if (key == "q")
                {
                    q = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
                }
                else
                {
                    parameters[key] = value;
                }
            }
            clauses.Add(new AcceptClause(mediaRange[..slash], mediaRange[(slash + 1)..], q, parameters));
        }
        // Highest q first, concrete types before wildcards; ties keep the client's order.
        return clauses
            .Select((c, i) => (c, i))
            .OrderByDescending(x => x.c.Q)
            .ThenBy(x => x.c.Type == "*" ? 1 : 0)
            .ThenBy(x => x.c.SubType == "*" ? 1 : 0)
            .ThenBy(x => x.i)
            .Select(x => x.c);
    }
}
