namespace Skiff.Kubelet.Cni;

/// <summary>
/// Puts the conflist into containerd's CNI config directory. containerd watches that directory and
/// loads the first file by name, so ours is the only file there and is replaced atomically.
/// </summary>
internal static class CniConfigWriter
{
    public const string FileName = "10-skiff.conflist";

    /// <summary>Writes the conflist; returns false when the file already held exactly this content.</summary>
    public static bool Write(string confDir, CniNetworkOptions options)
    {
        Directory.CreateDirectory(confDir);
        Directory.CreateDirectory(options.IpamDataDir);
        var path = Path.Combine(confDir, FileName);
        var content = CniConfigBuilder.Render(options) + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
        return true;
    }
}
