namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// One node of the three field sets a comparison builds (added, modified, removed) at once; a set's node below a step
/// is made only when something is recorded there, as most of a compared object adds, changes and removes nothing.
/// </summary>
internal sealed class ComparisonLevel
{
    private readonly ComparisonLevel? _parent;
    private readonly PathElement? _step;
    private FieldSetBuilder? _added;
    private FieldSetBuilder? _modified;
    private FieldSetBuilder? _removed;

    public ComparisonLevel()
    {
    }

    private ComparisonLevel(ComparisonLevel parent, PathElement step)
    {
        _parent = parent;
        _step = step;
    }

    public FieldSetBuilder Added => _added ??= _parent is null ? new FieldSetBuilder() : _parent.Added.Child(_step!);

    public FieldSetBuilder Modified => _modified ??= _parent is null ? new FieldSetBuilder() : _parent.Modified.Child(_step!);

    public FieldSetBuilder Removed => _removed ??= _parent is null ? new FieldSetBuilder() : _parent.Removed.Child(_step!);

    public ComparisonLevel Below(PathElement step) => new(this, step);

    /// <summary>The sets recorded from this (top) level.</summary>
    public FieldComparison Result() => new(Build(_added), Build(_modified), Build(_removed));

    private static FieldSet Build(FieldSetBuilder? builder) => builder?.Build() ?? FieldSet.Empty;
}
