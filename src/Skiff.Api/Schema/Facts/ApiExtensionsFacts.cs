using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the apiextensions/v1 types, as upstream declares them.</summary>
internal static class ApiExtensionsFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1CustomResourceDefinitionNames>("categories");
        t.AtomicList<V1CustomResourceDefinitionNames>("shortNames");

        t.AtomicList<V1CustomResourceDefinitionSpec>("versions");

        t.MapList<V1CustomResourceDefinitionStatus>("conditions", ["type"]);
        t.AtomicList<V1CustomResourceDefinitionStatus>("storedVersions");

        t.AtomicList<V1CustomResourceDefinitionVersion>("additionalPrinterColumns");
        t.AtomicList<V1CustomResourceDefinitionVersion>("selectableFields");

        t.AtomicList<V1JSONSchemaProps>("allOf");
        t.AtomicList<V1JSONSchemaProps>("anyOf");
        t.AtomicList<V1JSONSchemaProps>("enum");
        t.AtomicList<V1JSONSchemaProps>("oneOf");
        t.AtomicList<V1JSONSchemaProps>("required");
        t.AtomicList<V1JSONSchemaProps>("x-kubernetes-list-map-keys");
        t.MapList<V1JSONSchemaProps>("x-kubernetes-validations", ["rule"], patch: Merge, mergeKey: "rule");

        t.AtomicList<V1WebhookConversion>("conversionReviewVersions");
    }
}
