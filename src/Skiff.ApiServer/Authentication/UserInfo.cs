namespace Skiff.ApiServer.Authentication;

/// <summary>Who made a request, as authenticators report it to authorization and to selfsubjectreviews.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups, string Uid = "")
{
    public static readonly UserInfo Anonymous = new("system:anonymous", ["system:unauthenticated"]);

    public bool IsAnonymous => Name == Anonymous.Name;
}
