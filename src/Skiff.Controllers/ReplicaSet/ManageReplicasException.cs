namespace Skiff.Controllers.ReplicaSet;

/// <summary>A create or delete of pods failed; the message is what upstream puts in the ReplicaFailure condition.</summary>
internal sealed class ManageReplicasException(string message, Exception inner) : Exception(message, inner);
