namespace Skiff.Client.Informers;

public enum InformerEventType
{
    Added,
    Modified,
    Deleted,
}
