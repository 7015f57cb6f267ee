using System.Collections.Frozen;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// Upstream's field and type descriptions, as the KubernetesClient package carries them in its XML documentation
/// (KubernetesClient.xml beside the assembly). Missing documentation leaves descriptions empty rather than failing.
/// </summary>
internal sealed class ModelDocs
{
    private const string ModelPrefix = "k8s.Models.";

    private readonly FrozenDictionary<string, string> _summaries;

    private ModelDocs(FrozenDictionary<string, string> summaries)
    {
        _summaries = summaries;
    }

    // Held weakly: documents are rebuilt rarely (catalog changes), and the text is several megabytes.
    private static readonly WeakReference<ModelDocs?> s_shared = new(null);
    private static readonly Lock s_sharedLock = new();

    public static ModelDocs Empty { get; } = new(FrozenDictionary<string, string>.Empty);

    public int Count => _summaries.Count;

    /// <summary>The docs read once and kept while anyone still uses them.</summary>
    public static ModelDocs Shared()
    {
        lock (s_sharedLock)
        {
            if (!s_shared.TryGetTarget(out var docs) || docs is null)
            {
                docs = Load();
                s_shared.SetTarget(docs);
            }

            return docs;
        }
    }

    /// <summary>Reads the XML file beside the KubernetesClient assembly, keeping only model members.</summary>
    public static ModelDocs Load()
    {
        var path = Path.ChangeExtension(typeof(k8s.Models.V1Pod).Assembly.Location, ".xml");
        return File.Exists(path) ? Load(path) : Empty;
    }

    public static ModelDocs Load(string path)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Ignore });
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "member")
            {
                reader.Read();
                continue;
            }

            // Most of the file documents the client's API methods; those members are skipped whole.
            var name = reader.GetAttribute("name");
            if (name is null || name.Length < 2 || string.CompareOrdinal(name, 2, ModelPrefix, 0, ModelPrefix.Length) != 0)
            {
                reader.Skip();
                continue;
            }

            // Summaries hold <see/> and <para/> elements; the element's Value is their text.
            var member = (XElement)XNode.ReadFrom(reader);
            var text = Normalize(member.Element("summary")?.Value ?? string.Empty);
            if (text.Length > 0)
            {
                summaries[name] = text;
            }
        }

        return new ModelDocs(summaries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public string? OfType(Type type) => _summaries.GetValueOrDefault("T:" + type.FullName);

    public string? OfProperty(Type type, string propertyName) => _summaries.GetValueOrDefault($"P:{type.FullName}.{propertyName}");

    // The generator wrapped upstream's text at 80 columns and indented it; paragraphs were lost, so lines rejoin with spaces.
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(trimmed);
        }

        return builder.ToString();
    }
}
