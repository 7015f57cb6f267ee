namespace Skiff.ApiServer.Authentication;

/// <summary>Turns a bearer token into the user it stands for, or null when this source does not know it.</summary>
public interface ITokenAuthenticator
{
    ValueTask<UserInfo?> AuthenticateAsync(string token, CancellationToken ct);
}
