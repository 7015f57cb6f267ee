namespace Skiff.ApiServer.Printing;

/// <summary>What a JSONPath selector selects.</summary>
internal enum JsonPathStepKind
{
    Field,
    Index,
    Wildcard,
    Filter,
}
