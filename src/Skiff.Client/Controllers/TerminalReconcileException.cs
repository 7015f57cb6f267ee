namespace Skiff.Client.Controllers;

/// <summary>Thrown by a reconciler for a failure that retrying cannot fix; the runner logs it and forgets the key.</summary>
public sealed class TerminalReconcileException(string message, Exception? inner = null) : Exception(message, inner);
