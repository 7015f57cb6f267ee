namespace Skiff.Api.Selectors;

/// <summary>
/// The few reads field and label selectors make of an object, over either a JSON document model or raw parsed JSON,
/// so one description of upstream's selectable fields serves both.
/// </summary>
public interface IJsonReadable<TSelf>
    where TSelf : struct, IJsonReadable<TSelf>
{
    /// <summary>The member of an object; an absent value when this is not an object or has no such member.</summary>
    TSelf Member(string name);

    /// <summary>The first item of a non-empty array, else an absent value.</summary>
    bool TryFirstItem(out TSelf item);

    /// <summary>The value when it is a JSON string, else "".</summary>
    string String();

    bool IsTrue();

    /// <summary>The value when it is an integer JSON number.</summary>
    long? Integer();

    /// <summary>The string-valued members of an object (labels), in document order.</summary>
    void CopyStringMembers(Dictionary<string, string> into);
}
