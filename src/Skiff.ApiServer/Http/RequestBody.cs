using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Http;

/// <summary>Reads request bodies within upstream's size limit and decodes JSON or YAML into a JSON object.</summary>
public static class RequestBody
{
    /// <summary>kube-apiserver refuses bodies over 3 MiB.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > MaxBytes)
        {
            throw ApiErrors.RequestEntityTooLarge();
        }

        if (request.ContentLength is { } length)
        {
            // Clients send the length of a write's body; reading into an array of that size spares the copy
            // buffers, which on the hot writes (pod status, Lease renewals) were a large part of a request's garbage.
            return await ReadExactlyAsync(request.Body, (int)length, ct).ConfigureAwait(false);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > MaxBytes)
            {
                throw ApiErrors.RequestEntityTooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken ct)
    {
        var bytes = new byte[length];
        var total = 0;
        while (total < length)
        {
            var read = await body.ReadAsync(bytes.AsMemory(total), ct).ConfigureAwait(false);
            if (read == 0)
            {
                // A body shorter than its Content-Length; the server reports that before we see it, but stay safe.
                return bytes[..total];
            }

            total += read;
        }

        return bytes;
    }

    public static string MediaType(HttpRequest request)
    {
        var contentType = request.ContentType ?? string.Empty;
        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semi >= 0 ? contentType[..semi] : contentType).Trim().ToLowerInvariant();
    }

    /// <summary>Decodes an object body sent as JSON (the default), YAML or Kubernetes protobuf.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var bytes = await ReadBytesAsync(request, ct).ConfigureAwait(false);
        return DecodeObject(MediaType(request), bytes);
    }

    public static JsonObject DecodeObject(string mediaType, byte[] bytes)
    {
        switch (mediaType)
        {
            case "" or "application/json" or "*/*":
                return ParseJsonObject(bytes);
            case "application/yaml" or "application/x-yaml" or "text/yaml":
                return YamlJson.ToJsonObject(bytes);
            case Protobuf.KubeProtobuf.MediaType:
                return Protobuf.KubeProtobuf.Decode(bytes);
            default:
                throw ApiErrors.UnsupportedMediaType(mediaType, ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]);
        }
    }

    public static JsonObject ParseJsonObject(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonObject
                ?? throw ApiErrors.BadRequest("the body of the request must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"error decoding request body: {e.Message}");
        }
    }
}
