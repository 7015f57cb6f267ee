using Skiff.Api.Catalog;
using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.CustomResources;

/// <summary>One served version of a CRD: its catalog entry and what its objects are checked against.</summary>
internal sealed record ServedVersion(ResourceInfo Resource, StructuralSchema? Schema, ScalePaths? Scale);
