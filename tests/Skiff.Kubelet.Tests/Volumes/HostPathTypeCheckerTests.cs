using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Tests.Volumes;

public sealed class HostPathTypeCheckerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-hostpath-").FullName;

    [Fact]
    public void DirectoryOrCreate_CreatesMissingDirectory()
    {
        var path = Path.Combine(_dir, "made");

        Assert.Null(HostPathTypeChecker.Check(path, "DirectoryOrCreate"));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void FileOrCreate_CreatesMissingFile()
    {
        var path = Path.Combine(_dir, "made.txt");

        Assert.Null(HostPathTypeChecker.Check(path, "FileOrCreate"));
        Assert.True(File.Exists(path));
        Assert.Equal((UnixFileMode)420, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Directory_Missing_FailsAsUpstream()
    {
        var path = Path.Combine(_dir, "missing");

        Assert.Equal($"hostPath type check failed: {path} is not a directory", HostPathTypeChecker.Check(path, "Directory"));
        Assert.False(Path.Exists(path));
    }

    [Fact]
    public void File_OnDirectory_FailsAsUpstream()
    {
        Assert.Equal($"hostPath type check failed: {_dir} is not a file", HostPathTypeChecker.Check(_dir, "File"));
        Assert.Equal($"hostPath type check failed: {_dir} is not a file", HostPathTypeChecker.Check(_dir, "FileOrCreate"));
    }

    [Fact]
    public void DirectoryOrCreate_OnFile_Fails()
    {
        var path = Path.Combine(_dir, "f");
        File.WriteAllText(path, "x");

        Assert.Equal($"hostPath type check failed: {path} is not a directory", HostPathTypeChecker.Check(path, "DirectoryOrCreate"));
        Assert.Null(HostPathTypeChecker.Check(path, "File"));
    }

    [Theory]
    [InlineData("/dev/null", "CharDevice", null)]
    [InlineData("/dev/null", "BlockDevice", "hostPath type check failed: /dev/null is not a block device")]
    [InlineData("/dev/null", "Socket", "hostPath type check failed: /dev/null is not a socket file")]
    [InlineData("/dev/null", "File", "hostPath type check failed: /dev/null is not a file")]
    [InlineData("/nonexistent-skiff", "", null)]
    [InlineData("/tmp", "Weird", "Weird is an invalid volume type")]
    public void TypedChecks_MatchUpstreamMessages(string path, string type, string? expected)
    {
        Assert.Equal(expected, HostPathTypeChecker.Check(path, type));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
