namespace Skiff.ApiServer.OpenApi;

/// <summary>The query and path parameters upstream's operations declare, by verb. Names and types are the API's.</summary>
internal static class StandardParameters
{
    public static readonly OpenApiParameter Pretty = Query("pretty", "string", "If 'true', the output is pretty printed.");

    public static readonly OpenApiParameter Namespace =
        new("namespace", "path", "string", "object name and auth scope, such as for teams and projects", Required: true);

    public static readonly IReadOnlyList<OpenApiParameter> List =
    [
        Query("allowWatchBookmarks", "boolean", "Requests watch events of type BOOKMARK."),
        Query("continue", "string", "The continue token returned by a previous list call with a limit."),
        Query("fieldSelector", "string", "Restricts the returned objects by their fields."),
        Query("labelSelector", "string", "Restricts the returned objects by their labels."),
        Query("limit", "integer", "The maximum number of objects to return in one list call."),
        Query("resourceVersion", "string", "Constrains which resource versions the request may be served from."),
        Query("resourceVersionMatch", "string", "How resourceVersion applies to list calls."),
        Query("sendInitialEvents", "boolean", "Starts a watch with synthetic events for the current state."),
        Query("timeoutSeconds", "integer", "Timeout for the list or watch call."),
        Query("watch", "boolean", "Watch for changes instead of listing."),
    ];

    public static readonly IReadOnlyList<OpenApiParameter> Write =
    [
        Query("dryRun", "string", "When present, modifications are not persisted. Valid value: All."),
        Query("fieldManager", "string", "The name of the actor making the change."),
        Query("fieldValidation", "string", "How the server treats unknown or duplicate fields: Ignore, Warn or Strict."),
    ];

    public static readonly IReadOnlyList<OpenApiParameter> Patch =
    [
        .. Write,
        Query("force", "boolean", "Force an apply request to take conflicting fields from other managers."),
    ];

    public static readonly IReadOnlyList<OpenApiParameter> Delete =
    [
        Query("dryRun", "string", "When present, modifications are not persisted. Valid value: All."),
        Query("gracePeriodSeconds", "integer", "Seconds before the object is deleted; zero deletes immediately."),
        Query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
        Query("propagationPolicy", "string", "Whether and how dependents are garbage collected: Orphan, Background or Foreground."),
    ];

    public static OpenApiParameter Name(string kind) => new("name", "path", "string", $"name of the {kind}", Required: true);

    private static OpenApiParameter Query(string name, string type, string description) => new(name, "query", type, description);
}
