using System.Text;
using Skiff.Client.Http;

namespace Skiff.Client.Tests.Http;

public sealed class Utf8LineReaderTests
{
    [Theory]
    [InlineData("{\"a\":1}\n{\"b\":2}\n", new[] { "{\"a\":1}", "{\"b\":2}" })]
    [InlineData("{\"a\":1}\r\n\n{\"b\":2}", new[] { "{\"a\":1}", "", "{\"b\":2}" })]
    [InlineData("", new string[0])]
    public async Task ReadLine_SplitsOnNewlines_AndEndsWithNull(string text, string[] expected)
    {
        Assert.Equal(expected, await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), initialSize: 16));
    }

    [Fact]
    public async Task ReadLine_LineLongerThanTheBuffer_ComesWhole()
    {
        var longLine = new string('x', 5000) + "é";
        var lines = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes($"a\n{longLine}\nb\n"), chunk: 7), initialSize: 16);
        Assert.Equal(["a", longLine, "b"], lines);
    }

    private static async Task<List<string>> ReadAllAsync(Stream stream, int initialSize)
    {
        using var reader = new Utf8LineReader(stream, initialSize);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(default) is { } line)
        {
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }

        return lines;
    }

    /// <summary>Hands out at most a few bytes a read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
