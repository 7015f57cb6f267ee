using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Skiff.Api.Schema;

/// <summary>
/// Patch and apply facts for every built-in type, keyed by KubernetesClient model type and JSON field name. Field
/// shapes come from reflecting over the model classes; strategies, merge keys and list types come from upstream's
/// declarations (Facts/), since the client models do not carry them.
/// </summary>
public static partial class PatchMetadata
{
    private static readonly Lazy<PatchFactsTable> s_facts = new(BuildFacts);
    private static readonly ConcurrentDictionary<Type, ModelSchema?> s_schemas = new();

    /// <summary>The schema of a model type, or null when the type is not a KubernetesClient model object.</summary>
    public static ModelSchema? For(Type modelType) => s_schemas.GetOrAdd(modelType, Build);

    /// <summary>The facts of one field, or <see cref="FieldFacts.None"/> when upstream declares nothing for it.</summary>
    public static FieldFacts FactsOf(Type modelType, string jsonName) => s_facts.Value.Find(modelType, jsonName);

    /// <summary>Every field upstream declares facts for, for documents (OpenAPI) that list them per type.</summary>
    public static IEnumerable<(Type ModelType, string JsonName, FieldFacts Facts)> DeclaredFacts() => s_facts.Value.Entries;

    private static ModelSchema? Build(Type type)
    {
        if (!IsModelObject(type))
        {
            return null;
        }

        var facts = s_facts.Value;
        var fields = new List<FieldSchema>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null)
            {
                continue;
            }

            var (kind, item) = Shape(property.PropertyType);
            fields.Add(new FieldSchema { JsonName = name, Kind = kind, ItemModelType = item, Facts = facts.Find(type, name) });
        }

        var structType = facts.IsAtomicStruct(type) ? MapType.Atomic : MapType.Unspecified;
        return new ModelSchema(type, VersionPrefix().Replace(type.Name, string.Empty), fields, structType);
    }

    private static (FieldKind Kind, Type? Item) Shape(Type type)
    {
        if (type == typeof(object))
        {
            return (FieldKind.Untyped, null);
        }

        if (type == typeof(string) || type == typeof(byte[]) || type.IsValueType)
        {
            return (FieldKind.Scalar, null);
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var definition = type.GetGenericTypeDefinition();
            if (arguments.Length == 2 && IsDictionary(definition))
            {
                return (FieldKind.Map, IsModelObject(arguments[1]) ? arguments[1] : null);
            }

            if (arguments.Length == 1 && IsList(definition))
            {
                return (FieldKind.List, IsModelObject(arguments[0]) ? arguments[0] : null);
            }
        }

        return IsModelObject(type) ? (FieldKind.Object, type) : (FieldKind.Scalar, null);
    }

    private static bool IsDictionary(Type definition) =>
        definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>);

    private static bool IsList(Type definition) =>
        definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>)
        || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyList<>);

    // IntOrString and ResourceQuantity live among the models but are scalars on the wire: they have no JSON fields.
    private static bool IsModelObject(Type type) =>
        type.IsClass
        && type != typeof(string)
        && type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null);

    private static PatchFactsTable BuildFacts()
    {
        var table = new PatchFactsTable();
        Facts.AdmissionRegistrationFacts.AddTo(table);
        Facts.ApiDiscoveryFacts.AddTo(table);
        Facts.ApiExtensionsFacts.AddTo(table);
        Facts.ApiRegistrationFacts.AddTo(table);
        Facts.ApiServerInternalFacts.AddTo(table);
        Facts.AppsFacts.AddTo(table);
        Facts.AuthenticationFacts.AddTo(table);
        Facts.AuthorizationFacts.AddTo(table);
        Facts.AutoscalingFacts.AddTo(table);
        Facts.BatchFacts.AddTo(table);
        Facts.CertificatesFacts.AddTo(table);
        Facts.CoreFacts.AddTo(table);
        Facts.DiscoveryFacts.AddTo(table);
        Facts.FlowControlFacts.AddTo(table);
        Facts.LifecycleFacts.AddTo(table);
        Facts.MetaFacts.AddTo(table);
        Facts.NetworkingFacts.AddTo(table);
        Facts.NodeFacts.AddTo(table);
        Facts.PolicyFacts.AddTo(table);
        Facts.RbacFacts.AddTo(table);
        Facts.ResourceFacts.AddTo(table);
        Facts.SchedulingFacts.AddTo(table);
        Facts.StorageFacts.AddTo(table);
        Facts.StorageMigrationFacts.AddTo(table);
        return table;
    }

    // V1PodSpec -> PodSpec, V1beta2FlowSchema -> FlowSchema, Corev1Event -> Event.
    [GeneratedRegex("^([A-Z][a-z]+)?[Vv][0-9]+((alpha|beta)[0-9]+)?(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
