using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace Skiff.ApiServer.Authentication;

/// <summary>
/// Client certificates signed by the cluster CA (user from CN, groups from O) and bearer tokens (the static token
/// file, service account tokens). Anything else is anonymous.
/// </summary>
public sealed class Authenticator
{
    private readonly X509Certificate2 _authority;
    private readonly ITokenAuthenticator _tokens;

    // Kestrel hands every request on a connection the same certificate object, and building its chain costs
    // more than the rest of a small request (and serialises on OpenSSL's store locks), so the verdict is kept
    // per certificate object until the certificate expires; it goes when the connection does.
    private readonly ConditionalWeakTable<X509Certificate2, Verdict> _verdicts = new();

    public Authenticator(X509Certificate2 authority, ITokenAuthenticator tokens)
    {
        _authority = authority;
        _tokens = tokens;
    }

    public async ValueTask<UserInfo> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return await _tokens.AuthenticateAsync(token, context.RequestAborted).ConfigureAwait(false) ?? throw Errors.ApiErrors.Unauthorized();
        }

        var certificate = context.Connection.ClientCertificate;
        if (certificate is not null)
        {
            return Verify(certificate).User ?? throw Errors.ApiErrors.Unauthorized();
        }

        return UserInfo.Anonymous;
    }

    public bool IsIssuedByCluster(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }

    private Verdict Verify(X509Certificate2 certificate)
    {
        var now = DateTime.Now;
        if (_verdicts.TryGetValue(certificate, out var cached) && now >= cached.NotBefore && now <= cached.NotAfter)
        {
            return cached;
        }

        var verdict = new Verdict(IsIssuedByCluster(certificate) ? FromCertificate(certificate) : null, certificate.NotBefore, certificate.NotAfter);
        if (verdict.User is not null)
        {
            _verdicts.AddOrUpdate(certificate, verdict);
        }

        return verdict;
    }

    private static UserInfo FromCertificate(X509Certificate2 certificate)
    {
        var user = string.Empty;
        var groups = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            var oid = rdn.GetSingleElementType().Value;
            var value = rdn.GetSingleElementValue() ?? string.Empty;
            if (oid == "2.5.4.3")
            {
                user = value;
            }
            else if (oid == "2.5.4.10")
            {
                groups.Add(value);
            }
        }

        groups.Add("system:authenticated");
        return new UserInfo(user, groups);
    }

    private sealed record Verdict(UserInfo? User, DateTime NotBefore, DateTime NotAfter);
}
