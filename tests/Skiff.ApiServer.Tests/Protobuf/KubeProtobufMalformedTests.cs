using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Protobuf;

namespace Skiff.ApiServer.Tests.Protobuf;

public sealed class KubeProtobufMalformedTests
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    private static byte[] ValidPod() => ProtoBuilder.Envelope("v1", "Pod", new ProtoBuilder()
        .Msg(1, m => m.Str(1, "p").Str(3, "default").Entry(11, "run", "p").Msg(8, new ProtoBuilder()))
        .Msg(2, s => s
            .Msg(2, c => c.Str(1, "c").Str(2, "busybox").Msg(8, r => r.Entry(1, "cpu", q => q.Str(1, "1"))))
            .Str(3, "Always")
            .Msg(14, sc => sc.Int(2, 0)))
        .Msg(3, new ProtoBuilder()));

    // Anything but a decoded object, a 400 or a 415 would surface as a 500 or a crashed request.
    private static void AssertDecodesOrRejects(byte[] body)
    {
        try
        {
            KubeProtobuf.Decode(body);
        }
        catch (ApiException e) when (e.Code is 400 or 415)
        {
        }
    }

    [Fact]
    public void Decode_EveryTruncationOfAValidBody_DecodesOrIsRejected()
    {
        var body = ValidPod();
        KubeProtobuf.Decode(body);

        for (var length = 0; length < body.Length; length++)
        {
            AssertDecodesOrRejects(body[..length]);
        }
    }

    [Fact]
    public void Decode_RandomBytesAndBitFlips_DecodeOrAreRejected()
    {
        var random = new Random(1234);
        var valid = ValidPod();
        for (var i = 0; i < 2000; i++)
        {
            var noise = new byte[random.Next(0, 64)];
            random.NextBytes(noise);
            AssertDecodesOrRejects([.. Magic, .. noise]);

            var flipped = (byte[])valid.Clone();
            flipped[random.Next(Magic.Length, flipped.Length)] ^= (byte)(1 << random.Next(8));
            AssertDecodesOrRejects(flipped);
        }
    }

    [Theory]
    [InlineData("v1", "Pod")]
    [InlineData("apps/v1", "ControllerRevision")]
    [InlineData("events.k8s.io/v1", "Event")]
    [InlineData("apiextensions.k8s.io/v1", "CustomResourceDefinition")]
    [InlineData("authorization.k8s.io/v1", "SubjectAccessReview")]
    public void Decode_RandomObjectInsideAValidEnvelope_DecodesOrIsRejected(string apiVersion, string kind)
    {
        var random = new Random(kind.Length);
        for (var i = 0; i < 1000; i++)
        {
            var noise = new byte[random.Next(0, 48)];
            random.NextBytes(noise);
            AssertDecodesOrRejects(ProtoBuilder.Envelope(apiVersion, kind, new ProtoBuilder().Bytes(random.Next(1, 4), noise)));
        }
    }

    [Theory]
    [InlineData(-62135596801L, 0)]
    [InlineData(253402300800L, 0)]
    [InlineData(long.MaxValue, 0)]
    [InlineData(long.MinValue, 0)]
    public void Decode_TimeOutOfRange_IsBadRequest(long seconds, int nanos)
    {
        var body = ProtoBuilder.Envelope("events.k8s.io/v1", "Event", new ProtoBuilder().Msg(2, t => t.Int(1, seconds).Int(2, nanos)));

        Assert.Equal(400, Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body)).Code);
    }

    [Fact]
    public void Decode_HugeLengthPrefix_IsBadRequest()
    {
        byte[] body = [.. Magic, 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01];

        Assert.Equal(400, Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body)).Code);
    }

    [Fact]
    public void Decode_WrongWireTypeForAField_IsBadRequest()
    {
        var body = ProtoBuilder.Envelope("v1", "ConfigMap", new ProtoBuilder().Msg(1, m => m.Int(1, 5)));

        var error = Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body));

        Assert.Equal(400, error.Code);
        Assert.Contains("wire type", error.Message);
    }

    [Fact]
    public void Decode_DeeplyNestedSchema_IsBadRequest()
    {
        var schema = new ProtoBuilder().Str(5, "object");
        for (var i = 0; i < 300; i++)
        {
            schema = new ProtoBuilder().Msg(28, schema);
        }

        var body = ProtoBuilder.Envelope("apiextensions.k8s.io/v1", "CustomResourceDefinition", new ProtoBuilder()
            .Msg(2, spec => spec.Msg(7, v => v.Str(1, "v1").Msg(4, val => val.Msg(1, schema)))));

        var error = Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body));

        Assert.Equal(400, error.Code);
        Assert.Contains("nesting", error.Message);
    }

    [Fact]
    public void Decode_RawExtensionThatIsNotJson_IsBadRequest()
    {
        var body = ProtoBuilder.Envelope("apps/v1", "ControllerRevision", new ProtoBuilder().Msg(2, r => r.Bytes(1, [0x01, 0x02])));

        Assert.Equal(400, Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body)).Code);
    }
}
