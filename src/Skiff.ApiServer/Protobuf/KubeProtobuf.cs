using System.Text.Json.Nodes;
using Google.Protobuf;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Protobuf;

/// <summary>
/// Decodes the few Kubernetes protobuf request bodies clients send (kubectl 1.32+ sends access reviews
/// this way): the "k8s\0" magic, a runtime.Unknown envelope, and the object inside, turned into JSON by a
/// small field table per message. Field numbers are the wire facts of k8s.io/api's generated.proto.
/// </summary>
public static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    private static readonly ProtoMessage ObjectMeta = new(new Dictionary<int, ProtoField>
    {
        [1] = ProtoField.String("name"),
        [2] = ProtoField.String("generateName"),
        [3] = ProtoField.String("namespace"),
    });

    private static readonly ProtoMessage ResourceAttributes = new(new Dictionary<int, ProtoField>
    {
        [1] = ProtoField.String("namespace"),
        [2] = ProtoField.String("verb"),
        [3] = ProtoField.String("group"),
        [4] = ProtoField.String("version"),
        [5] = ProtoField.String("resource"),
        [6] = ProtoField.String("subresource"),
        [7] = ProtoField.String("name"),
    });

    private static readonly ProtoMessage NonResourceAttributes = new(new Dictionary<int, ProtoField>
    {
        [1] = ProtoField.String("path"),
        [2] = ProtoField.String("verb"),
    });

    private static readonly ProtoMessage SelfSubjectAccessReviewSpec = new(new Dictionary<int, ProtoField>
    {
        [1] = ProtoField.Of("resourceAttributes", ResourceAttributes),
        [2] = ProtoField.Of("nonResourceAttributes", NonResourceAttributes),
    });

    private static readonly ProtoMessage SubjectAccessReviewSpec = new(new Dictionary<int, ProtoField>
    {
        [1] = ProtoField.Of("resourceAttributes", ResourceAttributes),
        [2] = ProtoField.Of("nonResourceAttributes", NonResourceAttributes),
        [3] = ProtoField.String("user"),
        [4] = ProtoField.RepeatedString("groups"),
        [6] = ProtoField.String("uid"),
    });

    private static readonly ProtoMessage SelfSubjectRulesReviewSpec = new(new Dictionary<int, ProtoField>
    {
        [1] = ProtoField.String("namespace"),
    });

    private static readonly ProtoMessage TokenReviewSpec = new(new Dictionary<int, ProtoField>
    {
        [1] = ProtoField.String("token"),
        [2] = ProtoField.RepeatedString("audiences"),
    });

    private static readonly Dictionary<string, ProtoMessage> Specs = new(StringComparer.Ordinal)
    {
        ["SelfSubjectAccessReview"] = SelfSubjectAccessReviewSpec,
        ["SubjectAccessReview"] = SubjectAccessReviewSpec,
        ["LocalSubjectAccessReview"] = SubjectAccessReviewSpec,
        ["SelfSubjectRulesReview"] = SelfSubjectRulesReviewSpec,
        ["TokenReview"] = TokenReviewSpec,
        ["SelfSubjectReview"] = new(new Dictionary<int, ProtoField>()),
    };

    /// <summary>Decodes a protobuf body into the JSON object it stands for, or a 415 for kinds we cannot read.</summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length < Magic.Length || !body[..Magic.Length].SequenceEqual(Magic))
        {
            throw ApiErrors.BadRequest("protobuf body does not start with the Kubernetes magic number");
        }

        try
        {
            var unknown = new CodedInputStream(body[Magic.Length..].ToArray());
            string apiVersion = string.Empty, kind = string.Empty;
            ByteString raw = ByteString.Empty;
            uint tag;
            while ((tag = unknown.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1:
                        var typeMeta = new CodedInputStream(unknown.ReadBytes().ToByteArray());
                        uint t;
                        while ((t = typeMeta.ReadTag()) != 0)
                        {
                            switch (WireFormat.GetTagFieldNumber(t))
                            {
                                case 1: apiVersion = typeMeta.ReadString(); break;
                                case 2: kind = typeMeta.ReadString(); break;
                                default: typeMeta.SkipLastField(); break;
                            }
                        }

                        break;
                    case 2:
                        raw = unknown.ReadBytes();
                        break;
                    default:
                        unknown.SkipLastField();
                        break;
                }
            }

            if (!Specs.TryGetValue(kind, out var spec))
            {
                throw ApiErrors.UnsupportedMediaType(MediaType, ["application/json", "application/yaml"]);
            }

            var envelope = new ProtoMessage(new Dictionary<int, ProtoField>
            {
                [1] = ProtoField.Of("metadata", ObjectMeta),
                [2] = ProtoField.Of("spec", spec),
            });
            var obj = envelope.Read(new CodedInputStream(raw.ToByteArray()));
            obj["apiVersion"] = apiVersion;
            obj["kind"] = kind;
            return obj;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw ApiErrors.BadRequest($"error decoding protobuf body: {e.Message}");
        }
    }
}
