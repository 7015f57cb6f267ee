namespace Skiff.Api.Selectors;

/// <summary>The operators a label or field requirement can use.</summary>
public enum SelectorOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
