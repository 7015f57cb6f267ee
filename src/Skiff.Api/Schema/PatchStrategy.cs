namespace Skiff.Api.Schema;

/// <summary>
/// The strategic-merge-patch strategy of a field (upstream's <c>patchStrategy</c> struct tag; a field may carry
/// both <see cref="Merge"/> and <see cref="RetainKeys"/>, as <c>PodSpec.volumes</c> does).
/// </summary>
[Flags]
public enum PatchStrategy
{
    None = 0,
    Merge = 1,
    RetainKeys = 2,
    Replace = 4,
}
