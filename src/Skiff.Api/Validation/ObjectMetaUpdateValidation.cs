using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.Api.Validation;

/// <summary>
/// Upstream's metadata checks on update. Run <see cref="CarryOver"/> first: upstream copies the
/// system fields a client may not change from the stored object before it validates, so those
/// never fail as "immutable".
/// </summary>
public static class ObjectMetaUpdateValidation
{
    public const string FieldImmutable = "field is immutable";

    /// <summary>
    /// Copies from the stored object what an update may not change, as upstream's BeforeUpdate
    /// does: the generation (a strategy bumps it afterwards when the spec changed), the uid when
    /// the client sent none, the creation timestamp, a deletion timestamp once set, and the
    /// deletion grace period when the client dropped it.
    /// </summary>
    public static void CarryOver(JsonObject updated, JsonObject stored)
    {
        updated.SetGeneration(stored.GetGeneration());
        if (string.IsNullOrEmpty(updated.GetUid()))
        {
            updated.SetUid(stored.GetUid());
        }

        if (stored.GetCreationTimestamp() is { } created)
        {
            updated.SetCreationTimestamp(created);
        }

        if (stored.GetDeletionTimestamp() is { } deleted)
        {
            updated.SetDeletionTimestamp(deleted);
        }

        if (stored.GetDeletionGracePeriodSeconds() is { } grace && updated.GetDeletionGracePeriodSeconds() is null)
        {
            updated.SetDeletionGracePeriodSeconds(grace);
        }
    }

    public static List<FieldError> Validate(JsonObject updated, JsonObject stored)
    {
        var errors = new List<FieldError>();
        if (stored.GetDeletionTimestamp() is not null)
        {
            var added = updated.GetFinalizers().Except(stored.GetFinalizers()).Order(StringComparer.Ordinal).ToList();
            if (added.Count > 0)
            {
                errors.Add(FieldError.Forbidden(
                    "metadata.finalizers",
                    $"no new finalizers can be added if the object is being deleted, found new finalizers {new GoStringSlice(added)}"));
            }
        }

        var resourceVersion = updated.GetResourceVersion() ?? string.Empty;
        if (resourceVersion.Length == 0)
        {
            errors.Add(FieldError.Invalid("metadata.resourceVersion", resourceVersion, "must be specified for an update"));
        }

        var generation = updated.GetGeneration() ?? 0;
        if (generation < (stored.GetGeneration() ?? 0))
        {
            errors.Add(FieldError.Invalid("metadata.generation", generation, "must not be decremented"));
        }

        AddIfChanged(errors, "metadata.name", updated.GetName(), stored.GetName());
        AddIfChanged(errors, "metadata.namespace", updated.GetNamespace(), stored.GetNamespace());
        AddIfChanged(errors, "metadata.uid", updated.GetUid(), stored.GetUid());
        errors.AddRange(ObjectMetaValidation.ValidateLabels(updated.GetLabels(), "metadata.labels"));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(updated.GetAnnotations(), "metadata.annotations"));
        errors.AddRange(ObjectMetaValidation.ValidateOwnerReferences(updated.GetOwnerReferences(), "metadata.ownerReferences"));
        return errors;
    }

    private static void AddIfChanged(List<FieldError> errors, string field, string? updated, string? stored)
    {
        if ((updated ?? string.Empty) != (stored ?? string.Empty))
        {
            errors.Add(FieldError.Invalid(field, updated ?? string.Empty, FieldImmutable));
        }
    }
}
