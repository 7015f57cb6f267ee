using System.CommandLine;
using Skiff.Commands;

var root = new RootCommand("Skiff: a small, fast Kubernetes-compatible cluster in one binary.");
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(HollowNodesCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
