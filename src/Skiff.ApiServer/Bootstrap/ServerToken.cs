using Skiff.Api.Join;
using Skiff.ApiServer.Pki;

namespace Skiff.ApiServer.Bootstrap;

/// <summary>
/// The server's join token, kept in <c>&lt;data-dir&gt;/server/token</c> in the secure form: made at first start,
/// the same after, or set by <c>--token</c>. The CA hash always comes from the CA this server serves.
/// </summary>
public static class ServerToken
{
    public static string PathIn(string dataDir) => Path.Combine(dataDir, "server", "token");

    /// <exception cref="FormatException">The configured or stored token does not parse.</exception>
    /// <exception cref="InvalidDataException">A configured secure token was made for another CA.</exception>
    public static JoinToken LoadOrCreate(string dataDir, string authorityPath, string? configured)
    {
        var bundle = File.ReadAllBytes(authorityPath);
        var hash = JoinToken.HashOf(bundle);
        var path = PathIn(dataDir);
        string secret;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var given = JoinToken.Parse(configured);
            if (!given.MatchesAuthority(bundle))
            {
                throw new InvalidDataException(
                    $"--token carries CA hash {given.CaHash}, but this server's CA ({authorityPath}) hashes to {hash}; give the secret alone or a token made for this cluster");
            }

            secret = given.Password;
        }
        else if (File.Exists(path))
        {
            secret = JoinToken.Parse(File.ReadAllText(path)).Password;
        }
        else
        {
            secret = JoinToken.NewSecret();
        }

        var token = new JoinToken(hash, JoinToken.ServerUser, secret);
        var text = token + "\n";
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            PemFiles.WritePrivate(path, text);
        }

        return token;
    }
}
