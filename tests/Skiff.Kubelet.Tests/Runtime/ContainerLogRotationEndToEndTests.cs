using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Logs;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

[Trait("Category", "Slow")]
[Collection(RuntimeCollection.Name)]
public sealed class ContainerLogRotationEndToEndTests(RuntimeFixture fixture)
{
    private ContainerRuntime Runtime => fixture.Runtime;

    [Fact]
    public async Task ChattyContainer_LogRotatesThroughContainerdAndKeepsAtMostMaxFiles()
    {
        const int MaxFiles = 3;
        var image = $"{fixture.Registry}/skiff-test/shell:1";
        await Runtime.Images.PullAsync(image, [], null, CancellationToken.None);
        var pod = await TestPods.RunAsync(Runtime.Cri, Runtime.Layout!.PodLogsDir, image,
            ["/bin/sh", "-c", "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo line $i of a container that writes a lot; usleep 1000; done"]);
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));
            var manager = new ContainerLogManager(new CriContainerLogRuntime(Runtime.Cri),
                new ContainerLogPolicy { MaxSize = 16 * 1024, MaxFiles = MaxFiles }, time, NullLogger.Instance);
            for (var pass = 0; pass < 6; pass++)
            {
                await TestPods.WaitForAsync(() => Task.FromResult(File.Exists(pod.LogFile) && new FileInfo(pod.LogFile).Length >= 16 * 1024),
                    TimeSpan.FromSeconds(20), "the live log to reach the maximum size");
                var expected = $"{pod.LogFile}.{time.GetUtcNow():yyyyMMdd-HHmmss}";
                await manager.RotateOnceAsync(CancellationToken.None);
                time.Advance(TimeSpan.FromSeconds(10));

                Assert.True(File.Exists(expected), $"pass {pass} did not rotate to {expected}");
                var files = Directory.GetFiles(Path.GetDirectoryName(pod.LogFile)!);
                Assert.True(files.Length <= MaxFiles, $"{files.Length} files after pass {pass}: {string.Join(", ", files.Select(Path.GetFileName))}");
            }

            var rotated = ContainerLogRotator.RotatedFiles(pod.LogFile);
            Assert.Equal(MaxFiles - 1, rotated.Count);
            Assert.EndsWith(".gz", rotated[0], StringComparison.Ordinal);
            Assert.Matches(@"\.\d{8}-\d{6}$", rotated[^1]);
            // containerd wrote whole CRI lines into every file, the compressed ones included, and writes on into the reopened one.
            Assert.All(Lines(rotated[0]).Concat(File.ReadLines(rotated[^1])), line => Assert.True(CriLogLine.TryParse(line, out _), line));
            await TestPods.WaitForAsync(() => Task.FromResult(new FileInfo(pod.LogFile).Length > 0), TimeSpan.FromSeconds(10), "output in the reopened log");
        }
        finally
        {
            await TestPods.RemoveAsync(Runtime.Cri, pod);
            ContainerLogFiles.RemoveAll(pod.LogFile);
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(pod.LogFile)!));
    }

    private static List<string> Lines(string gzipFile)
    {
        using var gzip = new GZipStream(File.OpenRead(gzipFile), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
