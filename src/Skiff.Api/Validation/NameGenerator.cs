using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.Api.Validation;

/// <summary>
/// Turns a generateName into a name as upstream does: the prefix cut to 58 characters, then five
/// random characters from an alphabet without vowels (so no words appear) and without look-alikes.
/// </summary>
public sealed class NameGenerator(Random random)
{
    public const int MaxNameLength = 63;
    public const int RandomLength = 5;
    public const int MaxPrefixLength = MaxNameLength - RandomLength;

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public NameGenerator()
        : this(Random.Shared)
    {
    }

    /// <summary>
    /// Gives the object a name from its generateName when it has none, as upstream does before
    /// validation; returns whether a name was generated.
    /// </summary>
    public bool Apply(JsonObject obj)
    {
        var prefix = obj.GetGenerateName();
        if (string.IsNullOrEmpty(prefix) || !string.IsNullOrEmpty(obj.GetName()))
        {
            return false;
        }

        obj.SetName(Generate(prefix));
        return true;
    }

    public string Generate(string prefix)
    {
        if (prefix.Length > MaxPrefixLength)
        {
            prefix = prefix[..MaxPrefixLength];
        }

        var suffix = new char[RandomLength];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return prefix + new string(suffix);
    }
}
