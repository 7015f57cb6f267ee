using System.Text;

namespace Skiff.ApiServer.Pki;

/// <summary>Writes an admin kubeconfig that kubectl uses as is (certificates embedded, mode 0600).</summary>
public static class KubeconfigWriter
{
    public static void Write(string path, string serverUrl, ClusterCertificates certificates)
    {
        var ca = Base64File(certificates.AuthorityPath);
        var cert = Base64File(certificates.AdminCertPath);
        var key = Base64File(certificates.AdminKeyPath);
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {ca}
                server: {serverUrl}
              name: default
            contexts:
            - context:
                cluster: default
                user: default
              name: default
            current-context: default
            preferences: {"{}"}
            users:
            - name: default
              user:
                client-certificate-data: {cert}
                client-key-data: {key}

            """;
        PemFiles.WritePrivate(Path.GetFullPath(path), yaml);
    }

    private static string Base64File(string path) => Convert.ToBase64String(Encoding.UTF8.GetBytes(File.ReadAllText(path)));
}
