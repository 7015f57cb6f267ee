using System.CommandLine;

namespace Skiff.Commands;

/// <summary>`skiff server`: a whole single-node cluster. Only parses flags and wires components.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var command = new Command("server", "Run the API server, store and controllers of a cluster.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("skiff server: not implemented yet");
            return 1;
        });
        return command;
    }
}
