namespace Skiff.ApiServer.Printing;

/// <summary>The serialization a response is written in.</summary>
public enum OutputFormat
{
    Json,
    Yaml,
}
