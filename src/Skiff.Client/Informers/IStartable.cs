namespace Skiff.Client.Informers;

/// <summary>What the factory needs of an informer whatever its object type.</summary>
internal interface IStartable
{
    void Start(CancellationToken ct);
}
