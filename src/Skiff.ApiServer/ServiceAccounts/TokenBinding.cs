namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>The object a token lives and dies with (its pod, secret or node), as recorded in the token's claims.</summary>
public sealed record TokenBinding(string Kind, string Name, string Uid);
