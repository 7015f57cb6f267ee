namespace Skiff.Storage.Sqlite;

/// <summary>
/// One row per revision in <c>log</c> (the value a delete removed is kept on its row, so watchers get
/// it); <c>kv</c> points at the live row of each key, so reads at the newest revision are index
/// lookups. <c>prev_revision</c> chains a key's rows, which lets compaction delete exactly the
/// superseded rows of a revision range without scanning per key.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>'Skif' in the SQLite header's application_id, so we never mistake a foreign database for ours.</summary>
    public const int ApplicationId = 0x536B6966;

    public const int Version = 1;

    public const string Create = """
        CREATE TABLE log (
            revision INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB NOT NULL
        );
        CREATE INDEX log_key_revision ON log (key, revision);
        CREATE TABLE kv (key TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO meta (name, value) VALUES ('current_revision', 0), ('compact_revision', 0);
        """;

    public const string CurrentRevision = "current_revision";

    public const string CompactRevision = "compact_revision";
}
