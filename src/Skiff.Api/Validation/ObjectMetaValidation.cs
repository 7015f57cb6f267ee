using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.Api.Validation;

/// <summary>Upstream's checks of metadata common to every object, over JSON.</summary>
public static class ObjectMetaValidation
{
    /// <summary>256 KiB: the most the keys and values of all annotations may add up to.</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    /// <summary>
    /// Name, generateName, namespace, labels and annotations of an object about to be stored.
    /// The name must already have been generated from generateName, as upstream does before it
    /// validates.
    /// </summary>
    public static List<FieldError> Validate(JsonObject obj, bool namespaced, NameRule nameRule)
    {
        var errors = new List<FieldError>();
        var generateName = obj.GetGenerateName();
        if (!string.IsNullOrEmpty(generateName))
        {
            errors.AddRange(nameRule(generateName, true).Select(m => FieldError.Invalid("metadata.generateName", generateName, m)));
        }

        var name = obj.GetName();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            errors.AddRange(nameRule(name, false).Select(m => FieldError.Invalid("metadata.name", name, m)));
        }

        var ns = obj.GetNamespace();
        if (namespaced)
        {
            if (string.IsNullOrEmpty(ns))
            {
                errors.Add(FieldError.Required("metadata.namespace"));
            }
            else
            {
                errors.AddRange(NameValidation.NameIsDnsLabel(ns, false).Select(m => FieldError.Invalid("metadata.namespace", ns, m)));
            }
        }
        else if (!string.IsNullOrEmpty(ns))
        {
            errors.Add(FieldError.Forbidden("metadata.namespace", "not allowed on this type"));
        }

        errors.AddRange(ValidateLabels(obj.GetLabels(), "metadata.labels"));
        errors.AddRange(ValidateAnnotations(obj.GetAnnotations(), "metadata.annotations"));
        errors.AddRange(ValidateOwnerReferences(obj.GetOwnerReferences(), "metadata.ownerReferences"));
        errors.AddRange(ValidateFinalizers(obj.GetFinalizers(), "metadata.finalizers"));
        return errors;
    }

    /// <summary>
    /// Each reference needs a version, kind, name and uid, and at most one may be the
    /// controller. Upstream reports the parts under the list's path without an index.
    /// </summary>
    public static IEnumerable<FieldError> ValidateOwnerReferences(IReadOnlyList<OwnerReference> references, string field)
    {
        string? firstController = null;
        foreach (var reference in references)
        {
            var parts = reference.ApiVersion.Split('/');
            var version = parts.Length switch
            {
                1 => parts[0],
                2 => parts[1],
                _ => string.Empty,
            };
            if (version.Length == 0)
            {
                yield return FieldError.Invalid(field + ".apiVersion", reference.ApiVersion, "version must not be empty");
            }

            if (reference.Kind.Length == 0)
            {
                yield return FieldError.Invalid(field + ".kind", reference.Kind, "kind must not be empty");
            }

            if (reference.Name.Length == 0)
            {
                yield return FieldError.Invalid(field + ".name", reference.Name, "name must not be empty");
            }

            if (reference.Uid.Length == 0)
            {
                yield return FieldError.Invalid(field + ".uid", reference.Uid, "uid must not be empty");
            }

            // Upstream bans core Events as owners: dependents would be collected when the event expires.
            if (reference.Kind == "Event" && reference.ApiVersion == "v1")
            {
                yield return FieldError.Invalid(field, reference.ToJson(), "/v1, Kind=Event is disallowed from being an owner");
            }

            if (reference.Controller == true)
            {
                var current = reference.Kind + "/" + reference.Name;
                if (firstController is null)
                {
                    firstController = current;
                }
                else
                {
                    // Upstream prints the whole list with Go's %#v here; the JSON form carries the same facts.
                    yield return FieldError.Invalid(
                        field,
                        new JsonArray([.. references.Select(r => (JsonNode)r.ToJson())]),
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}");
                }
            }
        }
    }

    /// <summary>Finalizers must be qualified names, and orphan and foregroundDeletion exclude each other.</summary>
    public static IEnumerable<FieldError> ValidateFinalizers(IReadOnlyList<string> finalizers, string field)
    {
        foreach (var finalizer in finalizers)
        {
            foreach (var message in NameValidation.IsQualifiedName(finalizer))
            {
                yield return FieldError.Invalid(field, finalizer, message);
            }
        }

        if (finalizers.Contains("orphan") && finalizers.Contains("foregroundDeletion"))
        {
            yield return FieldError.Invalid(field, new GoStringSlice(finalizers), "finalizer orphan and foregroundDeletion cannot be both set");
        }
    }

    public static IEnumerable<FieldError> ValidateLabels(IReadOnlyDictionary<string, string> labels, string field)
    {
        foreach (var (key, value) in labels)
        {
            foreach (var message in NameValidation.IsQualifiedName(key))
            {
                yield return FieldError.Invalid(field, key, message);
            }

            foreach (var message in NameValidation.IsValidLabelValue(value))
            {
                yield return FieldError.Invalid(field, value, message);
            }
        }
    }

    public static IEnumerable<FieldError> ValidateAnnotations(IReadOnlyDictionary<string, string> annotations, string field)
    {
        long total = 0;
        foreach (var (key, value) in annotations)
        {
            // Upstream lower-cases annotation keys before checking them, so upper case passes.
            foreach (var message in NameValidation.IsQualifiedName(key.ToLowerInvariant()))
            {
                yield return FieldError.Invalid(field, key, message);
            }

            // Go measures strings in bytes.
            total += System.Text.Encoding.UTF8.GetByteCount(key) + System.Text.Encoding.UTF8.GetByteCount(value);
        }

        if (total > TotalAnnotationSizeLimitBytes)
        {
            yield return FieldError.TooLong(field, string.Empty, TotalAnnotationSizeLimitBytes);
        }
    }
}
