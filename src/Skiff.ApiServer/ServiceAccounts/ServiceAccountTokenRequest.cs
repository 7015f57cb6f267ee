namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>What a token is issued for: who, to whom it may be shown, for how long, and what it is bound to.</summary>
public sealed record ServiceAccountTokenRequest(
    string Namespace,
    string ServiceAccountName,
    string ServiceAccountUid,
    IReadOnlyList<string> Audiences,
    long ExpirationSeconds,
    TokenBinding? Pod = null,
    TokenBinding? Secret = null,
    TokenBinding? Node = null);
