namespace Skiff.ApiServer.Printing;

/// <summary>The serialization a response is written in.</summary>
internal enum OutputFormat
{
    Json,
    Yaml,
}
