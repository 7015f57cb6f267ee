using System.Security.Cryptography.X509Certificates;

namespace Skiff.Kubelet.Join;

/// <summary>
/// The node's credentials under <c>&lt;data-dir&gt;/agent</c>, named as k3s names them: the cluster CA, the kubelet's
/// client certificate (user <c>system:node:&lt;name&gt;</c>), its serving certificate, and a kubeconfig using them.
/// </summary>
public sealed record NodeCredentials(string AgentDir)
{
    public string ServerCaPath => Path.Combine(AgentDir, "server-ca.crt");

    /// <summary>The CA client certificates to the kubelet's HTTPS port must chain to (the API server's kubelet-client one does).</summary>
    public string ClientCaPath => Path.Combine(AgentDir, "client-ca.crt");

    public string ClientCertPath => Path.Combine(AgentDir, "client-kubelet.crt");

    public string ClientKeyPath => Path.Combine(AgentDir, "client-kubelet.key");

    public string ServingCertPath => Path.Combine(AgentDir, "serving-kubelet.crt");

    public string ServingKeyPath => Path.Combine(AgentDir, "serving-kubelet.key");

    public string KubeconfigPath => Path.Combine(AgentDir, "kubelet.kubeconfig");

    public bool AllExist =>
        new[] { ServerCaPath, ClientCaPath, ClientCertPath, ClientKeyPath, ServingCertPath, ServingKeyPath }.All(File.Exists);

    /// <summary>The kubelet's serving certificate with its key, ready for Kestrel (the caller disposes it).</summary>
    public X509Certificate2 LoadServingCertificate()
    {
        using var withKey = X509Certificate2.CreateFromPemFile(ServingCertPath, ServingKeyPath);

        // Kestrel on Linux needs a key SslStream can export; a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The CA whose client certificates (the API server's kubelet-client one) the kubelet's HTTPS API accepts.</summary>
    public X509Certificate2 LoadClientAuthority() => X509Certificate2.CreateFromPem(File.ReadAllText(ClientCaPath));
}
