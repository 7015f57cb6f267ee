namespace Skiff.ApiServer.Authentication;

/// <summary>Who made a request, as authenticators report it to authorization and to selfsubjectreviews.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups, string Uid = "")
{
    /// <summary>Authenticator-specific facts (a service account token's pod name and uid, its credential id).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public static readonly UserInfo Anonymous = new("system:anonymous", ["system:unauthenticated"]);

    public bool IsAnonymous => Name == Anonymous.Name;
}
