using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Skiff.Api.Join;

/// <summary>
/// The token a node joins a cluster with, in k3s's formats. The secure form <c>K10&lt;ca-hash&gt;::&lt;user&gt;:&lt;password&gt;</c>
/// lets the joining node check the server's CA before it sends the password; the short form is the password alone.
/// A secure token without a colon in its credentials carries a bearer token (empty <see cref="Username"/>).
/// </summary>
public sealed record JoinToken
{
    public const string SecurePrefix = "K10";

    /// <summary>The user k3s writes into the server's own token; agents present the password as user <c>node</c>.</summary>
    public const string ServerUser = "server";

    public JoinToken(string? caHash, string username, string password)
    {
        if (caHash is not null && !IsSha256Hex(caHash))
        {
            throw new FormatException($"the CA hash in a join token must be 64 hex digits (a sha256), not \"{caHash}\"");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new FormatException("a join token needs a non-empty secret");
        }

        CaHash = caHash?.ToLowerInvariant();
        Username = username;
        Password = password;
    }

    /// <summary>sha256 of the server's CA bundle, lower-case hex; null for a short token.</summary>
    public string? CaHash { get; }

    public string Username { get; }

    public string Password { get; }

    public bool IsSecure => CaHash is not null;

    public static JoinToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("the join token is empty");
        }

        if (!text.StartsWith(SecurePrefix, StringComparison.Ordinal))
        {
            return new JoinToken(null, ServerUser, text);
        }

        var separator = text.IndexOf("::", StringComparison.Ordinal);
        if (separator < 0)
        {
            // k3s reads a K10 token without "::" as a short token whose password happens to start with K10.
            return new JoinToken(null, ServerUser, text);
        }

        var hash = text[SecurePrefix.Length..separator];
        var credentials = text[(separator + 2)..];
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new JoinToken(hash, string.Empty, credentials)
            : new JoinToken(hash, credentials[..colon], credentials[(colon + 1)..]);
    }

    /// <summary>A fresh random secret: 16 bytes as hex, as k3s generates.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The hash a secure token carries: sha256 of the CA bundle exactly as the server serves it at /cacerts.</summary>
    public static string HashOf(ReadOnlySpan<byte> caBundle) => Convert.ToHexStringLower(SHA256.HashData(caBundle));

    /// <summary>
    /// Whether the CA bundle a server sent is the one this token was made for. Like k3s, the hash may be of the
    /// bundle's bytes (self-signed CA) or of the DER of its root certificate (the fingerprint of a custom CA).
    /// A short token carries no hash and matches anything.
    /// </summary>
    public bool MatchesAuthority(ReadOnlySpan<byte> caBundle)
    {
        if (CaHash is null)
        {
            return true;
        }

        if (HashEquals(HashOf(caBundle), CaHash))
        {
            return true;
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(Encoding.UTF8.GetString(caBundle));
        }
        catch (CryptographicException)
        {
            return false;
        }

        try
        {
            return certificates.Count > 0 && HashEquals(HashOf(certificates[^1].RawData), CaHash);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>This token with the server's CA hash, in the secure form agents should be given.</summary>
    public JoinToken WithCaHash(string caHash) => new(caHash, Username.Length == 0 ? ServerUser : Username, Password);

    /// <summary>Whether a presented secret is this token's, compared in constant time.</summary>
    public bool AcceptsSecret(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(Password));

    public override string ToString() => CaHash is null
        ? Password
        : Username.Length == 0 ? $"{SecurePrefix}{CaHash}::{Password}" : $"{SecurePrefix}{CaHash}::{Username}:{Password}";

    private static bool HashEquals(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsSha256Hex(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);
}
