namespace Skiff.Api.Catalog;

/// <summary>A named API group and its served versions, preferred version first.</summary>
public sealed record ApiGroupInfo(string Name, IReadOnlyList<string> Versions)
{
    public string PreferredVersion => Versions[0];

    public string PreferredGroupVersion => $"{Name}/{PreferredVersion}";
}
