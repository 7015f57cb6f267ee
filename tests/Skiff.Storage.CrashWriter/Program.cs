using System.Text;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

// Writes to a SQLite store from many tasks until killed, printing "ack <key> <revision>" for every
// write the store acknowledged. The crash test kills it with SIGKILL mid-burst and checks every
// acknowledged write survived.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Skiff.Storage.CrashWriter <db-path>");
    return 2;
}

var store = await SqliteStore.OpenAsync(args[0], new StoreOptions { CompactionInterval = TimeSpan.Zero });
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
var gate = new object();
Console.Out.Flush();
lock (gate)
{
    output.WriteLine("ready");
}

var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
{
    for (var i = 0; ; i++)
    {
        var key = $"/crash/w{w}/k{i}";
        var revision = await store.CreateAsync(key, Encoding.UTF8.GetBytes($"value-{w}-{i}"));
        lock (gate)
        {
            output.WriteLine($"ack {key} {revision}");
        }
    }
}));
await Task.WhenAll(writers);
return 0;
