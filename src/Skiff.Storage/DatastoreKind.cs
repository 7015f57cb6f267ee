namespace Skiff.Storage;

public enum DatastoreKind
{
    Sqlite,
    Etcd,
}
