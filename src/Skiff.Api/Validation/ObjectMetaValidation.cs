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
        return errors;
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
