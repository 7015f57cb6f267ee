using System.Globalization;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>maxSurge and maxUnavailable resolved against a replica count, rounded as upstream.</summary>
internal static class Fenceposts
{
    /// <summary>
    /// Surge rounds up, unavailability rounds down; if both come out 0, unavailability becomes 1, because upstream
    /// prefers progress through unavailability over a surge that quota might forbid.
    /// </summary>
    public static (int Surge, int Unavailable) Resolve(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = Scaled(maxSurge, desired, roundUp: true);
        var unavailable = Scaled(maxUnavailable, desired, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return (surge, unavailable);
    }

    /// <summary>An int, or a percentage of <paramref name="total"/>; absent means 0.</summary>
    public static int Scaled(IntOrString? value, int total, bool roundUp)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        if (!text.EndsWith('%'))
        {
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"invalid value for IntOrString: invalid value \"{text}\": must be an integer or a percentage");
        }

        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"invalid value for IntOrString: invalid value \"{text}\": must be an integer or a percentage");
        }

        var exact = (double)percent * total / 100;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }

    public static bool IsRollingUpdate(V1Deployment d) => d.Spec?.Strategy?.Type is null or "RollingUpdate";

    public static int MaxSurge(V1Deployment d)
    {
        if (!IsRollingUpdate(d))
        {
            return 0;
        }

        var rolling = d.Spec.Strategy?.RollingUpdate;
        return Resolve(rolling?.MaxSurge, rolling?.MaxUnavailable, Replicas.Desired(d)).Surge;
    }

    public static int MaxUnavailable(V1Deployment d)
    {
        var desired = Replicas.Desired(d);
        if (!IsRollingUpdate(d) || desired == 0)
        {
            return 0;
        }

        var rolling = d.Spec.Strategy?.RollingUpdate;
        return Math.Min(Resolve(rolling?.MaxSurge, rolling?.MaxUnavailable, desired).Unavailable, desired);
    }
}
