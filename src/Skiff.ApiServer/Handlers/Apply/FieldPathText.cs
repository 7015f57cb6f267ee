using System.Text;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>Field paths as upstream prints them in conflicts: <c>.spec.containers[name="web"].image</c>.</summary>
internal static class FieldPathText
{
    public static string Format(IReadOnlyList<PathElement> path)
    {
        var builder = new StringBuilder();
        foreach (var step in path)
        {
            switch (step.Kind)
            {
                case PathElementKind.Field:
                    builder.Append('.').Append(step.FieldName);
                    break;
                case PathElementKind.Key:
                    builder.Append('[');
                    for (var i = 0; i < step.KeyFields!.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(',');
                        }

                        builder.Append(step.KeyFields[i].Key).Append('=');
                        GoJson.Append(builder, step.KeyFields[i].Value);
                    }

                    builder.Append(']');
                    break;
                case PathElementKind.Value:
                    builder.Append("[=");
                    GoJson.Append(builder, step.Value);
                    builder.Append(']');
                    break;
                default:
                    builder.Append('[').Append(step.Index).Append(']');
                    break;
            }
        }

        return builder.ToString();
    }
}
