using System.Security.Cryptography;
using Skiff.ApiServer.Pki;

namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>
/// The RSA key that signs service account tokens, kept at <c>server/tls/service.key</c> as k3s keeps it, so tokens
/// issued before a restart stay valid after it.
/// </summary>
public sealed class ServiceAccountKey : IDisposable
{
    private ServiceAccountKey(RSA rsa)
    {
        Rsa = rsa;
        var der = rsa.ExportSubjectPublicKeyInfo();

        // Upstream's key id: the unpadded base64url SHA-256 of the DER public key, so verifiers can pick the key.
        KeyId = Base64Url.Encode(SHA256.HashData(der));
    }

    public RSA Rsa { get; }

    public string KeyId { get; }

    public static ServiceAccountKey LoadOrCreate(string tlsDirectory)
    {
        var path = Path.Combine(tlsDirectory, "service.key");
        if (!File.Exists(path))
        {
            using var fresh = RSA.Create(2048);
            PemFiles.WritePrivate(path, fresh.ExportRSAPrivateKeyPem() + "\n");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return new ServiceAccountKey(rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    public static ServiceAccountKey Generate()
    {
        var rsa = RSA.Create(2048);
        return new ServiceAccountKey(rsa);
    }

    public void Dispose() => Rsa.Dispose();
}
