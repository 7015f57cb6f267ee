using System.Security.Cryptography;

namespace Skiff.ApiServer.OpenApi;

/// <summary>One serialized document with its content type and hash (upper-case hex SHA-512, as upstream's ETags and ?hash=).</summary>
internal sealed record ServedDocument(byte[] Body, string ContentType, string Hash)
{
    public string ETag => $"\"{Hash}\"";

    public static ServedDocument Of(byte[] body, string contentType) => new(body, contentType, Convert.ToHexString(SHA512.HashData(body)));
}
