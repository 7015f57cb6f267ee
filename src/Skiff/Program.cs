using System.CommandLine;
using Skiff.Commands;

var root = new RootCommand("Skiff: a small, fast Kubernetes-compatible cluster in one binary.");
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(AgentCommand.Create());
root.Subcommands.Add(HollowNodesCommand.Create());
// hollow-nodes --delete-on-exit and a server stopping its components need more than the default 2 s after SIGTERM.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) }).ConfigureAwait(false);
