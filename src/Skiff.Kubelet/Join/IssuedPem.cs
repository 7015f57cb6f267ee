using System.Security.Cryptography;
using System.Text;

namespace Skiff.Kubelet.Join;

/// <summary>A certificate (with any chain) and its private key, split from the one PEM document a join endpoint returns.</summary>
internal sealed record IssuedPem(string Certificates, string Key)
{
    public static IssuedPem Split(string document, string what)
    {
        var certificates = new StringBuilder();
        string? key = null;
        var rest = document.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var block = rest[fields.Location].ToString() + "\n";
            if (label == "CERTIFICATE")
            {
                certificates.Append(block);
            }
            else if (label.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                key = block;
            }

            rest = rest[fields.Location.End..];
        }

        if (certificates.Length == 0 || key is null)
        {
            throw new JoinException($"the server's answer for the node's {what} did not hold a certificate and its key");
        }

        return new IssuedPem(certificates.ToString(), key);
    }
}
