namespace Skiff.Bench.ApiServer;

internal static class SkiffBinary
{
    /// <summary>skiff.dll built beside this benchmark (same configuration), found from the repository root.</summary>
    public static string Find()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))) ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Skiff.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Skiff", "bin", configuration, "net10.0", "skiff.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/Skiff in {configuration} first", dll);
            }
        }

        throw new DirectoryNotFoundException("Skiff.sln not found above the benchmark's binaries");
    }
}
