using System.Text;

namespace Skiff.Kubelet.Containers;

/// <summary>
/// Kubernetes' <c>$(VAR)</c> expansion for env values, command and args: a defined name is replaced, an undefined
/// reference stays as written, and <c>$$</c> escapes a dollar.
/// </summary>
public static class VariableExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
            }
            else if (next == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close < 0)
                {
                    // Upstream keeps an unterminated reference verbatim.
                    output.Append(input, i, input.Length - i);
                    break;
                }

                var name = input[(i + 2)..close];
                output.Append(lookup(name) ?? input[i..(close + 1)]);
                i = close;
            }
            else
            {
                output.Append('$').Append(next);
                i++;
            }
        }

        return output.ToString();
    }
}
