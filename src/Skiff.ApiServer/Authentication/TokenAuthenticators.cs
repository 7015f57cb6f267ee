namespace Skiff.ApiServer.Authentication;

/// <summary>Asks each token source in turn; the first that recognises the token decides who it is.</summary>
public sealed class TokenAuthenticators : ITokenAuthenticator
{
    private readonly IReadOnlyList<ITokenAuthenticator> _sources;

    public TokenAuthenticators(params ITokenAuthenticator[] sources)
    {
        _sources = sources;
    }

    public async ValueTask<UserInfo?> AuthenticateAsync(string token, CancellationToken ct)
    {
        foreach (var source in _sources)
        {
            if (await source.AuthenticateAsync(token, ct).ConfigureAwait(false) is { } user)
            {
                return user;
            }
        }

        return null;
    }
}
