namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>One metadata.managedFields entry: which fields a manager owns through one kind of write.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string? Time, string Subresource, FieldSet Fields)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    /// <summary>
    /// Entries are merged per identity; appliers keep one entry across API versions, updaters get one per version,
    /// as upstream builds its manager identifiers.
    /// </summary>
    public (string Manager, string Operation, string ApiVersion, string Subresource) Identity =>
        (Manager, Operation, Operation == ApplyOperation ? string.Empty : ApiVersion, Subresource);

    /// <summary>How conflict messages name the manager.</summary>
    public string Describe()
    {
        var text = GoQuote(Manager);
        if (Subresource.Length > 0)
        {
            text += $" with subresource {GoQuote(Subresource)}";
        }

        return Operation == UpdateOperation ? $"{text} using {ApiVersion}" : text;
    }

    private static string GoQuote(string s)
    {
        var builder = new System.Text.StringBuilder();
        GoJson.AppendString(builder, s);
        return builder.ToString();
    }
}
