using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.Api.Validation;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Admission;

/// <summary>Admission for one built-in resource: defaulting and validation apply only to objects of that resource.</summary>
public abstract class KindAdmission : IAdmission
{
    private readonly string _group;
    private readonly string _resource;

    protected KindAdmission(string group, string resource)
    {
        _group = group;
        _resource = resource;
    }

    public void Default(ResourceInfo resource, JsonObject obj, string subresource)
    {
        // A status write keeps the stored spec (the status strategy starts from the live object), so a kind whose
        // defaults are all in its spec has nothing to default there.
        if (Handles(resource) && !(subresource == "status" && DefaultsOnlySpec))
        {
            SetDefaults(obj);
        }
    }

    public IReadOnlyList<StatusCause> Validate(ResourceInfo resource, JsonObject obj, JsonObject? old)
    {
        if (!Handles(resource))
        {
            return [];
        }

        var errors = new List<FieldError>();
        if (old is null || UpdateNeedsValidation(obj, old))
        {
            ValidateObject(obj, errors);
        }

        if (old is not null && UpdateNeedsValidation(obj, old))
        {
            // Upstream defaults what it reads from storage, so an object stored before a default existed
            // compares as if it had it; without this, such a pod could never be updated again.
            var oldDefaulted = (JsonObject)old.DeepClone();
            SetDefaults(oldDefaulted);
            ValidateUpdate(obj, oldDefaulted, errors);
        }

        return Causes.From(errors);
    }

    protected abstract void SetDefaults(JsonObject obj);

    /// <summary>Whether <see cref="SetDefaults"/> writes nothing outside the object's spec.</summary>
    protected virtual bool DefaultsOnlySpec => false;

    protected abstract void ValidateObject(JsonObject obj, List<FieldError> errors);

    protected virtual void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
    }

    /// <summary>
    /// Whether this update of the (defaulted) <paramref name="obj"/> changes anything <see cref="ValidateObject"/> or
    /// <see cref="ValidateUpdate"/> look at; when it does not, neither runs (what they check passed when it was
    /// stored) and the stored object is not copied and defaulted for them.
    /// </summary>
    protected virtual bool UpdateNeedsValidation(JsonObject obj, JsonObject old) => true;

    private bool Handles(ResourceInfo resource) =>
        resource.Resource == _resource && (resource.StorageGroup ?? resource.Group) == _group;
}
