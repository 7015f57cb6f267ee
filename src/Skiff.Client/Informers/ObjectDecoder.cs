using System.Text.Json;
using k8s;
using k8s.Models;

namespace Skiff.Client.Informers;

/// <summary>Turns the UTF-8 bytes of one object from a list or watch into an informer's type.</summary>
internal delegate T ObjectDecode<out T>(ReadOnlySpan<byte> json, ResourcePath path);

/// <summary>
/// Decodes list items and watch objects straight from their bytes (no document tree first: informers decode every
/// event of their resource). List items carry no apiVersion and kind, so both are filled from the resource: handlers
/// and owner lookups can rely on them.
/// </summary>
internal static class ObjectDecoder
{
    private static readonly JsonSerializerOptions s_options = KubernetesOptions();

    public static T Typed<T>(ReadOnlySpan<byte> json, ResourcePath path)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var obj = JsonSerializer.Deserialize<T>(json, s_options) ?? throw new JsonException("null object");
        obj.ApiVersion = path.ApiVersion;
        obj.Kind = path.Kind;
        return obj;
    }

    public static PartialObject Partial(ReadOnlySpan<byte> json, ResourcePath path)
    {
        string? kind = null;
        V1ObjectMeta? metadata = null;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                kind = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                metadata = JsonSerializer.Deserialize<V1ObjectMeta>(ref reader, s_options);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new PartialObject
        {
            ApiVersion = path.ApiVersion,
            Kind = kind is { Length: > 0 } ? kind : path.Kind,
            Metadata = metadata ?? new V1ObjectMeta(),
        };
    }

    // KubernetesClient's own options (camelCase, its date and quantity converters), which it lends out only through
    // its configuration hook; decoding with them from bytes spares the JsonElement its Deserialize overload needs.
    private static JsonSerializerOptions KubernetesOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesClient did not hand out its JSON options");
    }
}
