namespace Skiff.ApiServer.Printing;

/// <summary>How a Table response is shaped: its meta.k8s.io version and what rows embed.</summary>
/// <param name="ApiVersion">"meta.k8s.io/v1" or "meta.k8s.io/v1beta1".</param>
/// <param name="NoHeaders">Leave columnDefinitions null; upstream does so for watch events after the first.</param>
internal sealed record TableRequest(string ApiVersion, IncludeObjectPolicy IncludeObject = IncludeObjectPolicy.Metadata, bool NoHeaders = false)
{
    public const string V1 = "meta.k8s.io/v1";
    public const string V1Beta1 = "meta.k8s.io/v1beta1";

    /// <summary>
    /// Reads the includeObject query parameter. On failure <paramref name="error"/> is the message
    /// of the 400 BadRequest Status upstream answers.
    /// </summary>
    public static bool TryCreate(string apiVersion, string? includeObject, out TableRequest request, out string? error)
    {
        request = new TableRequest(apiVersion);
        error = null;
        switch (includeObject)
        {
            case null or "" or "Metadata":
                return true;
            case "None":
                request = request with { IncludeObject = IncludeObjectPolicy.None };
                return true;
            case "Object":
                request = request with { IncludeObject = IncludeObjectPolicy.Object };
                return true;
            default:
                error = "Unable to convert to Table as requested: includeObject: Invalid value: \"" + includeObject +
                    "\": must be 'Metadata', 'Object', 'None', or empty";
                return false;
        }
    }
}
