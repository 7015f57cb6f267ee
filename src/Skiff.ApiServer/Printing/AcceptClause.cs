namespace Skiff.ApiServer.Printing;

/// <summary>One media range of an Accept header with its quality and parameters.</summary>
internal sealed record AcceptClause(string Type, string SubType, double Q, IReadOnlyDictionary<string, string> Parameters);
