using System.Text.Json;
using Skiff.Api.Yaml;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Config;

/// <summary>
/// Reads a KubeSchedulerConfiguration (YAML or JSON) and merges each profile into upstream's defaults: a default
/// plugin re-enabled by the user takes the user's weight in its default place, disabled ones ("*" for all) drop out,
/// other enabled ones are appended.
/// </summary>
public static class SchedulerConfigLoader
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    public static SchedulerSettings LoadFile(string path) => Parse(File.ReadAllText(path));

    public static SchedulerSettings Default() => new() { Profiles = [DefaultProfile.Create()] };

    public static SchedulerSettings Parse(string yaml)
    {
        var json = YamlToJson.Convert(yaml) ?? throw new InvalidDataException("the scheduler configuration is empty");
        var config = json.Deserialize<KubeSchedulerConfiguration>(s_json) ?? throw new InvalidDataException("the scheduler configuration is empty");
        if (config.ApiVersion is not null && config.ApiVersion != KubeSchedulerConfiguration.ApiVersionV1)
        {
            throw new InvalidDataException($"no kind \"KubeSchedulerConfiguration\" is registered for version \"{config.ApiVersion}\"");
        }

        if (config.Kind is not null && config.Kind != "KubeSchedulerConfiguration")
        {
            throw new InvalidDataException($"no kind \"{config.Kind}\" is registered for version \"{config.ApiVersion}\"");
        }

        var percentage = config.PercentageOfNodesToScore ?? 0;
        if (percentage is < 0 or > 100)
        {
            throw new InvalidDataException($"percentageOfNodesToScore: Invalid value: {percentage}: not in valid range [0-100]");
        }

        var profiles = config.Profiles.Count == 0 ? [new KubeSchedulerProfile()] : config.Profiles;
        var resolved = profiles.Select(Resolve).ToList();
        var duplicate = resolved.GroupBy(p => p.SchedulerName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"profiles[].schedulerName: Duplicate value: \"{duplicate.Key}\"");
        }

        return new SchedulerSettings
        {
            Profiles = resolved,
            PercentageOfNodesToScore = percentage,
            PodInitialBackoff = TimeSpan.FromSeconds(config.PodInitialBackoffSeconds ?? 1),
            PodMaxBackoff = TimeSpan.FromSeconds(config.PodMaxBackoffSeconds ?? 10),
        };
    }

    private static ProfileConfig Resolve(KubeSchedulerProfile profile)
    {
        var config = new ProfileConfig
        {
            SchedulerName = string.IsNullOrEmpty(profile.SchedulerName) ? DefaultProfile.SchedulerName : profile.SchedulerName,
            PercentageOfNodesToScore = profile.PercentageOfNodesToScore ?? 0,
        };
        var plugins = profile.Plugins ?? new PluginsConfig();
        config.MultiPoint.AddRange(Merge(DefaultProfile.MultiPoint, plugins.MultiPoint, config.Optional));
        AddPoint(config, ExtensionPoint.QueueSort, plugins.QueueSort);
        AddPoint(config, ExtensionPoint.PreFilter, plugins.PreFilter);
        AddPoint(config, ExtensionPoint.Filter, plugins.Filter);
        AddPoint(config, ExtensionPoint.PostFilter, plugins.PostFilter);
        AddPoint(config, ExtensionPoint.PreScore, plugins.PreScore);
        AddPoint(config, ExtensionPoint.Score, plugins.Score);
        AddPoint(config, ExtensionPoint.Reserve, plugins.Reserve);
        AddPoint(config, ExtensionPoint.PreBind, plugins.PreBind);
        AddPoint(config, ExtensionPoint.Bind, plugins.Bind);
        AddPoint(config, ExtensionPoint.PostBind, plugins.PostBind);
        foreach (var entry in profile.PluginConfig)
        {
            if (entry.Args is { } args)
            {
                config.PluginArgs[entry.Name] = args;
            }
        }

        return config;
    }

    private static List<PluginRef> Merge(IReadOnlyList<PluginRef> defaults, PluginSet? custom, HashSet<string> optional)
    {
        var disabled = new HashSet<string>((custom?.Disabled ?? []).Select(p => p.Name), StringComparer.Ordinal);
        var enabled = (custom?.Enabled ?? []).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var result = new List<PluginRef>();
        if (!disabled.Contains("*"))
        {
            foreach (var plugin in defaults)
            {
                if (disabled.Contains(plugin.Name))
                {
                    continue;
                }

                if (enabled.Remove(plugin.Name, out var replacement))
                {
                    result.Add(new PluginRef(plugin.Name, replacement.Weight ?? plugin.Weight));
                }
                else
                {
                    optional.Add(plugin.Name);
                    result.Add(plugin);
                }
            }
        }

        foreach (var plugin in custom?.Enabled ?? [])
        {
            if (enabled.ContainsKey(plugin.Name))
            {
                result.Add(new PluginRef(plugin.Name, plugin.Weight ?? 0));
            }
        }

        return result;
    }

    private static void AddPoint(ProfileConfig config, ExtensionPoint point, PluginSet? set)
    {
        if (set is null)
        {
            return;
        }

        if (set.Enabled.Count > 0)
        {
            config.Enabled[point] = [.. set.Enabled.Select(p => new PluginRef(p.Name, p.Weight ?? 0))];
        }

        if (set.Disabled.Count > 0)
        {
            config.Disabled[point] = new HashSet<string>(set.Disabled.Select(p => p.Name), StringComparer.Ordinal);
        }
    }
}
