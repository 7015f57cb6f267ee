using System.Globalization;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>Who a write is attributed to in managedFields.</summary>
internal static class FieldManagerName
{
    public const int MaxLength = 128;

    /// <summary>
    /// The <c>fieldManager</c> parameter, or the User-Agent up to its first '/', as upstream falls back. An invalid
    /// parameter is upstream's 422 against the request's options kind.
    /// </summary>
    public static string Resolve(ApiRequest request, bool required = false)
    {
        var given = request.QueryValue("fieldManager");
        var causes = new List<StatusCause>();
        if (string.IsNullOrEmpty(given))
        {
            if (required)
            {
                causes.Add(new StatusCause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager"));
                throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", string.Empty, causes);
            }

            var agent = request.Http.Request.Headers.UserAgent.ToString();
            var slash = agent.IndexOf('/', StringComparison.Ordinal);
            return slash >= 0 ? agent[..slash] : agent;
        }

        if (given.Length > MaxLength)
        {
            causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {MaxLength} bytes", "fieldManager"));
        }

        for (var i = 0; i < given.Length; i++)
        {
            if (char.IsControl(given[i]))
            {
                var rune = string.Create(CultureInfo.InvariantCulture, $"U+{(int)given[i]:X4}");
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {Quote(given)}: invalid character {rune} (at position {i})", "fieldManager"));
            }
        }

        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid("meta.k8s.io", OptionsKind(request), string.Empty, causes);
        }

        return given;
    }

    private static string OptionsKind(ApiRequest request) => request.Http.Request.Method switch
    {
        "POST" => "CreateOptions",
        "PUT" => "UpdateOptions",
        _ => "PatchOptions",
    };

    private static string Quote(string s)
    {
        var builder = new System.Text.StringBuilder();
        GoJson.AppendString(builder, s);
        return builder.ToString();
    }
}
