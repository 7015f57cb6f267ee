using System.Text.Json.Nodes;
using Google.Protobuf;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Protobuf;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (kubectl 1.32+ sends typed objects this way): the "k8s\0"
/// magic, a runtime.Unknown envelope naming apiVersion and kind, and the object inside, turned into the JSON
/// kube-apiserver would have stored for it.
/// </summary>
public static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>Decodes a protobuf body into the JSON object it stands for: 415 for kinds we cannot read, 400 for malformed input.</summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length < Magic.Length || !body[..Magic.Length].SequenceEqual(Magic))
        {
            throw ApiErrors.BadRequest("protobuf body does not start with the Kubernetes magic number");
        }

        try
        {
            var envelope = WireFields.Read(ByteString.CopyFrom(body[Magic.Length..]));
            var typeMeta = WireFields.Read(ProtoJsonDecoder.Merge(envelope.Get(1)) ?? ByteString.Empty);
            var apiVersion = LastString(typeMeta, 1);
            var kind = LastString(typeMeta, 2);
            var message = ProtoSchema.BuiltIn.FindKind(apiVersion, kind)
                ?? throw ApiErrors.UnsupportedMediaType(MediaType, ["application/json", "application/yaml"]);

            var decoded = (JsonObject)new ProtoJsonDecoder().MessageValue(message, ProtoJsonDecoder.Merge(envelope.Get(2)) ?? ByteString.Empty)!;
            var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
            foreach (var (key, value) in decoded.ToArray())
            {
                decoded.Remove(key);
                result[key] = value;
            }

            return result;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ProtoDecodeException)
        {
            throw ApiErrors.BadRequest($"error decoding protobuf body: {e.Message}");
        }
    }

    private static string LastString(WireFields fields, int number)
    {
        var values = fields.Get(number);
        return values.Count == 0 ? string.Empty : ProtoJsonDecoder.Scalar("string", values[^1]).GetValue<string>();
    }
}
