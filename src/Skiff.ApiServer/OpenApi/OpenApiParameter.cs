namespace Skiff.ApiServer.OpenApi;

/// <summary>A path or query parameter of an operation, before a dialect renders it.</summary>
internal sealed record OpenApiParameter(string Name, string In, string Type, string Description, bool Required = false);
