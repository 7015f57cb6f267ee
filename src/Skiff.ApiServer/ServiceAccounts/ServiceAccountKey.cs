using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Pki;

namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>
/// The key that signs service account tokens, kept at <c>server/tls/service.key</c> as k3s keeps it, so tokens issued
/// before a restart stay valid after it. New keys are ECDSA P-256 (ES256): kube-apiserver accepts either kind, and an
/// RSA key costs up to a second of start-up to generate. An RSA key already on disk (RS256) keeps working.
/// </summary>
public sealed class ServiceAccountKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private ServiceAccountKey(AsymmetricAlgorithm key)
    {
        _key = key;
        Algorithm = key is RSA ? "RS256" : "ES256";

        // Upstream's key id: the unpadded base64url SHA-256 of the DER public key, so verifiers can pick the key.
        KeyId = Base64Url.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The JWS <c>alg</c> this key signs with.</summary>
    public string Algorithm { get; }

    public string KeyId { get; }

    public static ServiceAccountKey LoadOrCreate(string tlsDirectory)
    {
        var path = Path.Combine(tlsDirectory, "service.key");
        if (!File.Exists(path))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            PemFiles.WritePrivate(path, fresh.ExportECPrivateKeyPem() + "\n");
        }

        return Import(File.ReadAllText(path));
    }

    public static ServiceAccountKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>An RSA key, as older data dirs (and k3s) hold.</summary>
    public static ServiceAccountKey GenerateRsa() => new(RSA.Create(2048));

    public byte[] Sign(byte[] data) => _key switch
    {
        RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        _ => throw new InvalidOperationException("unsupported key"),
    };

    public bool Verify(byte[] data, byte[] signature) => _key switch
    {
        RSA rsa => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        _ => false,
    };

    /// <summary>The public half as a JSON Web Key, for the issuer's key set.</summary>
    public JsonObject PublicJwk()
    {
        var jwk = new JsonObject { ["use"] = "sig" };
        if (_key is RSA rsa)
        {
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            jwk["kty"] = "RSA";
            jwk["kid"] = KeyId;
            jwk["alg"] = Algorithm;
            jwk["n"] = Base64Url.Encode(parameters.Modulus);
            jwk["e"] = Base64Url.Encode(parameters.Exponent);
        }
        else
        {
            var point = ((ECDsa)_key).ExportParameters(includePrivateParameters: false).Q;
            jwk["kty"] = "EC";
            jwk["kid"] = KeyId;
            jwk["crv"] = "P-256";
            jwk["alg"] = Algorithm;
            jwk["x"] = Base64Url.Encode(point.X);
            jwk["y"] = Base64Url.Encode(point.Y);
        }

        return jwk;
    }

    public void Dispose() => _key.Dispose();

    private static ServiceAccountKey Import(string pem)
    {
        // PKCS#1 and SEC1 PEMs name their algorithm; a PKCS#8 "PRIVATE KEY" can hold either.
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal))
        {
            return Import(ECDsa.Create(), pem);
        }

        try
        {
            return Import(RSA.Create(), pem);
        }
        catch (CryptographicException) when (!pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal))
        {
            return Import(ECDsa.Create(), pem);
        }
    }

    private static ServiceAccountKey Import(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return new ServiceAccountKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
