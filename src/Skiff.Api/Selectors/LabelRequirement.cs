using System.Globalization;
using Skiff.Api.Validation;

namespace Skiff.Api.Selectors;

/// <summary>One clause of a label selector: a key, an operator and the values it compares with.</summary>
public sealed class LabelRequirement
{
    private LabelRequirement(string key, SelectorOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public SelectorOperator Operator { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Builds a requirement with upstream's checks: a qualified-name key, valid label values, and
    /// the number of values each operator takes. Throws with upstream's aggregated message.
    /// </summary>
    public static LabelRequirement Create(string key, SelectorOperator op, IReadOnlyList<string>? values)
    {
        var errors = Check(key, op, values);
        if (errors.Count > 0)
        {
            throw new SelectorParseException(FieldErrorList.ToAggregateMessage(errors));
        }

        return new LabelRequirement(key, op, values ?? []);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        switch (Operator)
        {
            case SelectorOperator.In or SelectorOperator.Equals or SelectorOperator.DoubleEquals:
                return has && Contains(value!);
            case SelectorOperator.NotIn or SelectorOperator.NotEquals:
                return !has || !Contains(value!);
            case SelectorOperator.Exists:
                return has;
            case SelectorOperator.DoesNotExist:
                return !has;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (!has || Values.Count != 1 || !TryParseInt64(value!, out var actual) || !TryParseInt64(Values[0], out var bound))
                {
                    return false;
                }

                return Operator == SelectorOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    private bool Contains(string value)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (string.Equals(Values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The string form upstream prints: "a=b", "a!=b", "a in (x,y)", "!a", "a>3".</summary>
    public override string ToString() => Operator switch
    {
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Equals => $"{Key}={Values[0]}",
        SelectorOperator.DoubleEquals => $"{Key}=={Values[0]}",
        SelectorOperator.NotEquals => $"{Key}!={Values[0]}",
        SelectorOperator.GreaterThan => $"{Key}>{Values[0]}",
        SelectorOperator.LessThan => $"{Key}<{Values[0]}",
        _ => Key,
    };

    internal static List<FieldError> Check(string key, SelectorOperator op, IReadOnlyList<string>? values)
    {
        var errors = new List<FieldError>();
        if (KeyError(key, "key") is { } keyError)
        {
            errors.Add(keyError);
        }

        var count = values?.Count ?? 0;
        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when count == 0:
                errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.NotEquals when count != 1:
                errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "exact-match compatibility requires one single value"));
                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when count != 0:
                errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "values set must be empty for exists and does not exist"));
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (count != 1)
                {
                    errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < count; i++)
                {
                    if (!TryParseInt64(values![i], out _))
                    {
                        errors.Add(FieldError.Invalid($"values[{i}]", values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
        }

        for (var i = 0; i < count; i++)
        {
            var problems = NameValidation.IsValidLabelValue(values![i]);
            if (problems.Count > 0)
            {
                errors.Add(FieldError.Invalid($"values[{i}][{key}]", values[i], string.Join("; ", problems)));
            }
        }

        return errors;
    }

    internal static FieldError? KeyError(string key, string field)
    {
        var problems = NameValidation.IsQualifiedName(key);
        return problems.Count == 0 ? null : FieldError.Invalid(field, key, string.Join("; ", problems));
    }

    // Go's strconv.ParseInt base 10: an optional sign and digits only.
    private static bool TryParseInt64(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
