using System.Text;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Tests.Volumes;

public sealed class AtomicWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-atomic-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static Dictionary<string, FileProjection> Payload(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => f.Path, f => new FileProjection(Encoding.UTF8.GetBytes(f.Text), 420));

    [Fact]
    public void Write_LaysOutTimestampedDirDataLinkAndUserLinks()
    {
        var written = AtomicWriter.Write(_dir, Payload(("a", "1"), ("sub/b", "2")), _time);

        Assert.True(written);
        var dataTarget = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget;
        Assert.NotNull(dataTarget);
        Assert.StartsWith("..2026_01_02_03_04_05.", dataTarget);
        Assert.Equal("..data/a", new FileInfo(Path.Combine(_dir, "a")).LinkTarget);
        Assert.Equal("..data/sub", new FileInfo(Path.Combine(_dir, "sub")).LinkTarget);
        Assert.Equal("1", File.ReadAllText(Path.Combine(_dir, "a")));
        Assert.Equal("2", File.ReadAllText(Path.Combine(_dir, "sub", "b")));
        Assert.Equal((UnixFileMode)420, File.GetUnixFileMode(Path.Combine(_dir, dataTarget, "a")));
    }

    [Fact]
    public void Write_SameContentAgain_ChangesNothing()
    {
        AtomicWriter.Write(_dir, Payload(("a", "1")), _time);
        var before = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget;

        var written = AtomicWriter.Write(_dir, Payload(("a", "1")), _time);

        Assert.False(written);
        Assert.Equal(before, new FileInfo(Path.Combine(_dir, "..data")).LinkTarget);
    }

    [Fact]
    public void Write_Update_SwapsDataDirRemovesOldDirAndStaleLinks()
    {
        AtomicWriter.Write(_dir, Payload(("a", "1"), ("gone", "x")), _time);
        var oldDir = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget!;
        _time.Advance(TimeSpan.FromSeconds(1));

        var written = AtomicWriter.Write(_dir, Payload(("a", "2"), ("new", "y")), _time);

        Assert.True(written);
        Assert.Equal("2", File.ReadAllText(Path.Combine(_dir, "a")));
        Assert.Equal("y", File.ReadAllText(Path.Combine(_dir, "new")));
        Assert.False(Path.Exists(Path.Combine(_dir, "gone")));
        Assert.False(Directory.Exists(Path.Combine(_dir, oldDir)));
        Assert.Single(Directory.GetDirectories(_dir, "..2026*"));
    }

    [Fact]
    public void Write_ModeChangeOnly_RewritesWithNewMode()
    {
        AtomicWriter.Write(_dir, Payload(("a", "1")), _time);

        var written = AtomicWriter.Write(_dir, new Dictionary<string, FileProjection> { ["a"] = new(Encoding.UTF8.GetBytes("1"), 256) }, _time);

        Assert.True(written);
        Assert.Equal((UnixFileMode)256, File.GetUnixFileMode(Path.Combine(_dir, "..data", "a")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("..hidden")]
    public void Write_RejectsPathsOutsideTheVolume(string path)
    {
        Assert.Throws<ArgumentException>(() => AtomicWriter.Write(_dir, Payload((path, "x")), _time));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
