using System.Reflection;

namespace Skiff.ApiServer.Protobuf;

/// <summary>The message table of KubeProtobufSchema.txt, indexed by full name and by apiVersion + kind.</summary>
internal sealed class ProtoSchema
{
    private readonly Dictionary<string, ProtoMessage> _messages;
    private readonly Dictionary<string, string> _aliasByApiVersion;

    private ProtoSchema(Dictionary<string, ProtoMessage> messages, Dictionary<string, string> aliasByApiVersion)
    {
        _messages = messages;
        _aliasByApiVersion = aliasByApiVersion;
    }

    public static ProtoSchema BuiltIn { get; } = LoadEmbedded();

    public ProtoMessage? Find(string fullName) => _messages.GetValueOrDefault(fullName);

    /// <summary>The message for a kind; meta.k8s.io kinds such as DeleteOptions are accepted under any apiVersion.</summary>
    public ProtoMessage? FindKind(string apiVersion, string kind)
    {
        if (_aliasByApiVersion.TryGetValue(apiVersion, out var alias) && _messages.TryGetValue($"{alias}.{kind}", out var message))
        {
            return message;
        }

        return kind.EndsWith("Options", StringComparison.Ordinal) ? Find($"meta.{kind}") : null;
    }

    public static ProtoSchema Parse(TextReader reader)
    {
        var messages = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = new List<ProtoType>();
        string alias = string.Empty;
        string? name = null;
        bool isList = false;
        var fields = new List<ProtoField>();

        void Flush()
        {
            if (name is not null)
            {
                messages[$"{alias}.{name}"] = new ProtoMessage($"{alias}.{name}", isList, fields.ToArray());
            }

            name = null;
            fields.Clear();
        }

        ProtoType TypeOf(string text)
        {
            var type = ProtoType.Scalars.Contains(text) ? ProtoType.OfScalar(text)
                : ProtoType.OfMessage(text.Contains('.') ? text : $"{alias}.{text}");
            types.Add(type);
            return type;
        }

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "package":
                    Flush();
                    alias = parts[1];
                    if (parts[2] != "-")
                    {
                        aliases[parts[2]] = alias;
                    }

                    break;
                case "message":
                    Flush();
                    name = parts[1];
                    isList = parts.Length > 2 && parts[2] == "list";
                    break;
                default:
                    var flags = parts.Length > 3 ? parts[3] : string.Empty;
                    var typeText = parts[2];
                    ProtoFieldShape shape = ProtoFieldShape.Single;
                    ProtoType? key = null;
                    if (typeText.StartsWith("[]", StringComparison.Ordinal))
                    {
                        shape = ProtoFieldShape.Repeated;
                        typeText = typeText[2..];
                    }
                    else if (typeText.StartsWith("map:", StringComparison.Ordinal))
                    {
                        shape = ProtoFieldShape.Map;
                        var kv = typeText.Split(':');
                        key = TypeOf(kv[1]);
                        typeText = kv[2];
                    }

                    fields.Add(new ProtoField(
                        int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                        parts[1],
                        shape,
                        TypeOf(typeText),
                        key,
                        Pointer: flags.Contains('*'),
                        OmitEmpty: flags.Contains('?'),
                        Inline: flags.Contains('^')));
                    break;
            }
        }

        Flush();
        foreach (var type in types.Where(t => t.MessageName is not null))
        {
            type.Message = messages.GetValueOrDefault(type.MessageName!)
                ?? throw new InvalidOperationException($"protobuf schema refers to unknown message {type.MessageName}");
        }

        return new ProtoSchema(messages, aliases);
    }

    private static ProtoSchema LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Skiff.ApiServer.Protobuf.KubeProtobufSchema.txt")
            ?? throw new InvalidOperationException("the protobuf schema resource is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
