using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Hosting;

/// <summary>
/// What /version reports. kubectl's dispatcher picks the kubectl build matching major.minor, so this names
/// the Kubernetes API level Skiff implements.
/// </summary>
public static class VersionInfo
{
    public const string Major = "1";
    public const string Minor = "33";
    public const string GitVersion = "v1.33.0+skiff";

    public static JsonObject Document() => new()
    {
        ["major"] = Major,
        ["minor"] = Minor,
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "skiff",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-11-23T00:00:00Z",
        ["goVersion"] = "dotnet" + Environment.Version,
        ["compiler"] = "dotnet",
        ["platform"] = $"linux/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant().Replace("x64", "amd64", StringComparison.Ordinal)}",
    };
}
