using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Admission;

/// <summary>Runs every admission plugin in order: all defaulting first, then all validation.</summary>
public sealed class AdmissionChain
{
    private readonly IReadOnlyList<IAdmission> _plugins;

    public AdmissionChain(IEnumerable<IAdmission> plugins)
    {
        _plugins = plugins.ToList();
    }

    public void Admit(ResourceInfo resource, JsonObject obj, JsonObject? old, string subresource = "")
    {
        foreach (var plugin in _plugins)
        {
            plugin.Default(resource, obj, subresource);
        }

        var causes = new List<StatusCause>();
        foreach (var plugin in _plugins)
        {
            causes.AddRange(plugin.Validate(resource, obj, old));
        }

        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(resource.Group, resource.Kind, Registry.Json.Name(obj), causes);
        }
    }
}
