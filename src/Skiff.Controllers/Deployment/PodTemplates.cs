using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>The pod-template-hash and template equality a Deployment uses to tell its new ReplicaSet from old ones.</summary>
internal static class PodTemplates
{
    /// <summary>Upstream's "safe" alphabet: no vowels, so a hash never spells a word; no 0, 1, 3 to avoid look-alikes.</summary>
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// FNV-32a over the template (here its canonical JSON; upstream hashes its Go struct dump, so values differ) and,
    /// if set, the collision count as 8 little-endian bytes; the decimal digits of the sum are then spelled in the
    /// safe alphabet, as upstream does.
    /// </summary>
    public static string ComputeHash(V1PodTemplateSpec? template, int? collisionCount)
    {
        var hash = new Fnv32a();
        hash.Append(Encoding.UTF8.GetBytes(CanonicalJson.Of(template)));
        if (collisionCount is { } count)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)count));
            hash.Append(bytes);
        }

        return SafeEncode(hash.Value.ToString(CultureInfo.InvariantCulture));
    }

    public static string SafeEncode(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = SafeAlphabet[text[i] % SafeAlphabet.Length];
        }

        return new string(chars);
    }

    /// <summary>Templates equal once the pod-template-hash label is ignored on both sides.</summary>
    public static bool EqualIgnoringHash(V1PodTemplateSpec? a, V1PodTemplateSpec? b) =>
        WithoutHash(a) == WithoutHash(b);

    /// <summary>A copy of the template with the pod-template-hash label added.</summary>
    public static V1PodTemplateSpec WithHashLabel(V1PodTemplateSpec template, string hash)
    {
        var copy = ModelCopy.Of(template);
        copy.Metadata ??= new V1ObjectMeta();
        copy.Metadata.Labels = new Dictionary<string, string>(copy.Metadata.Labels ?? new Dictionary<string, string>())
        {
            [DeploymentAnnotations.PodTemplateHashLabel] = hash,
        };
        return copy;
    }

    private static string WithoutHash(V1PodTemplateSpec? template)
    {
        if (template is null)
        {
            return CanonicalJson.Of((JsonNode?)null);
        }

        var node = JsonNode.Parse(KubernetesJson.Serialize(template));
        if (node?["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(DeploymentAnnotations.PodTemplateHashLabel);
        }

        return CanonicalJson.Of(node);
    }
}
