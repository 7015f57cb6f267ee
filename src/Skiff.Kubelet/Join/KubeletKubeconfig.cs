namespace Skiff.Kubelet.Join;

/// <summary>The kubeconfig the agent's kubelet talks to the API server with: the node's client certificate, by file path as k3s writes it.</summary>
public static class KubeletKubeconfig
{
    public static void Write(NodeCredentials credentials, Uri server)
    {
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority: {Path.GetFullPath(credentials.ServerCaPath)}
                server: {server.ToString().TrimEnd('/')}
              name: local
            contexts:
            - context:
                cluster: local
                user: kubelet
              name: local
            current-context: local
            preferences: {"{}"}
            users:
            - name: kubelet
              user:
                client-certificate: {Path.GetFullPath(credentials.ClientCertPath)}
                client-key: {Path.GetFullPath(credentials.ClientKeyPath)}

            """;
        PrivateFiles.Write(credentials.KubeconfigPath, yaml);
    }
}
