namespace Skiff.Kubelet.Cni;

/// <summary>
/// Ensures and removes the rules of <see cref="PodMasqueradeRules"/> through an iptables runner. Ensuring is
/// idempotent: the chain is refilled rather than appended to and the jump is added only when missing, so a
/// restarted kubelet leaves exactly one copy.
/// </summary>
internal static class PodMasquerade
{
    /// <summary>Throws <see cref="InvalidOperationException"/> with iptables' message when a rule cannot be set.</summary>
    public static void Ensure(PodMasqueradeRules rules, Func<IReadOnlyList<string>, (int ExitCode, string Error)> iptables)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(iptables);

        // -N fails when the chain exists (a restart); the flush after it fails only when the chain is truly missing.
        iptables(rules.CreateChain());
        Require(iptables, rules.FlushChain());
        foreach (var rule in rules.ChainRules())
        {
            Require(iptables, rule);
        }

        if (iptables(rules.CheckJump()).ExitCode != 0)
        {
            Require(iptables, rules.AppendJump());
        }
    }

    /// <summary>Removes the jump (every copy) and the chain; a no-op when they are gone already.</summary>
    public static void Remove(string bridgeName, Func<IReadOnlyList<string>, (int ExitCode, string Error)> iptables)
    {
        ArgumentNullException.ThrowIfNull(iptables);

        // Bounded, in case an iptables that keeps answering 0 would otherwise spin here forever.
        for (var i = 0; i < 16 && iptables(PodMasqueradeRules.DeleteJump(bridgeName)).ExitCode == 0; i++)
        {
        }

        iptables(PodMasqueradeRules.FlushChain(bridgeName));
        iptables(PodMasqueradeRules.DeleteChain(bridgeName));
    }

    private static void Require(Func<IReadOnlyList<string>, (int ExitCode, string Error)> iptables, IReadOnlyList<string> args)
    {
        var (exitCode, error) = iptables(args);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"iptables {string.Join(' ', args)} failed: {error}");
        }
    }
}
