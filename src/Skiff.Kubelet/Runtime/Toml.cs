using System.Globalization;
using System.Text;

namespace Skiff.Kubelet.Runtime;

/// <summary>The few TOML spellings containerd's config files need.</summary>
internal static class Toml
{
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    public static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    public static string Bool(bool value) => value ? "true" : "false";
}
