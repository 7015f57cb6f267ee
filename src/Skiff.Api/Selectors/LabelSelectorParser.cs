using Token = Skiff.Api.Selectors.LabelSelectorLexer.Token;

namespace Skiff.Api.Selectors;

/// <summary>
/// Recursive-descent parser for the label selector string form. It follows upstream's grammar
/// and error wording closely because kubectl users see these messages verbatim.
/// </summary>
internal sealed class LabelSelectorParser
{
    private readonly List<(Token Token, string Literal)> _tokens = [];
    private int _index;

    public LabelSelectorParser(string input)
    {
        var lexer = new LabelSelectorLexer(input);
        while (true)
        {
            var item = lexer.Next();
            _tokens.Add(item);
            if (item.Token == Token.EndOfString)
            {
                break;
            }
        }
    }

    public List<LabelRequirement> Parse()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, literal) = PeekValue();
            switch (token)
            {
                case Token.Identifier or Token.DoesNotExist:
                    try
                    {
                        requirements.Add(ParseRequirement());
                    }
                    catch (SelectorParseException e)
                    {
                        throw new SelectorParseException("unable to parse requirement: " + e.Message);
                    }

                    var (next, nextLiteral) = ConsumeValue();
                    if (next == Token.EndOfString)
                    {
                        return requirements;
                    }

                    if (next != Token.Comma)
                    {
                        throw new SelectorParseException($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    }

                    var (afterComma, afterCommaLiteral) = PeekValue();
                    if (afterComma is not (Token.Identifier or Token.DoesNotExist))
                    {
                        throw new SelectorParseException($"found '{afterCommaLiteral}', expected: identifier after ','");
                    }

                    break;
                case Token.EndOfString:
                    return requirements;
                default:
                    throw new SelectorParseException($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, inferred) = ParseKeyAndInferOperator();
        if (inferred is { } unary)
        {
            return LabelRequirement.Create(key, unary, []);
        }

        var op = ParseOperator();
        var values = op is SelectorOperator.In or SelectorOperator.NotIn ? ParseValues() : ParseExactValue();
        return LabelRequirement.Create(key, op, values);
    }

    private (string Key, SelectorOperator? Operator) ParseKeyAndInferOperator()
    {
        SelectorOperator? op = null;
        var (token, literal) = ConsumeValue();
        if (token == Token.DoesNotExist)
        {
            op = SelectorOperator.DoesNotExist;
            (token, literal) = ConsumeValue();
        }

        if (token != Token.Identifier)
        {
            throw new SelectorParseException($"found '{literal}', expected: identifier");
        }

        // Upstream validates the key here with a nil field path, which Go prints as "<nil>".
        if (LabelRequirement.KeyError(literal, "<nil>") is { } error)
        {
            throw new SelectorParseException(error.ToString());
        }

        if (op is null && PeekValue().Token is Token.EndOfString or Token.Comma)
        {
            op = SelectorOperator.Exists;
        }

        return (literal, op);
    }

    private SelectorOperator ParseOperator()
    {
        var (token, literal) = Consume();
        return token switch
        {
            Token.In => SelectorOperator.In,
            Token.NotIn => SelectorOperator.NotIn,
            Token.Equals => SelectorOperator.Equals,
            Token.DoubleEquals => SelectorOperator.DoubleEquals,
            Token.NotEquals => SelectorOperator.NotEquals,
            Token.GreaterThan => SelectorOperator.GreaterThan,
            Token.LessThan => SelectorOperator.LessThan,
            _ => throw new SelectorParseException($"found '{literal}', expected: in, notin, =, ==, !=, gt, lt"),
        };
    }

    private List<string> ParseValues()
    {
        var (token, literal) = ConsumeValue();
        if (token != Token.OpenParen)
        {
            throw new SelectorParseException($"found '{literal}' expected: '('");
        }

        (token, literal) = PeekValue();
        switch (token)
        {
            case Token.Identifier or Token.Comma:
                var values = ParseIdentifierList();
                if (ConsumeValue().Token != Token.CloseParen)
                {
                    // Upstream reports the token seen before the list here, not the one that failed.
                    throw new SelectorParseException($"found '{literal}', expected: ')'");
                }

                return values;
            case Token.CloseParen:
                ConsumeValue();
                return [string.Empty];
            default:
                throw new SelectorParseException($"found '{literal}', expected: ',', ')' or identifier");
        }
    }

    // Empty entries ("(,a)", "(a,)", "(a,,b)") stand for the empty value; duplicates collapse and
    // the result is sorted, as upstream keeps values in a sorted set.
    private List<string> ParseIdentifierList()
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = ConsumeValue();
            switch (token)
            {
                case Token.Identifier:
                    values.Add(literal);
                    var (next, nextLiteral) = PeekValue();
                    if (next == Token.CloseParen)
                    {
                        return [.. values];
                    }

                    if (next != Token.Comma)
                    {
                        throw new SelectorParseException($"found '{nextLiteral}', expected: ',' or ')'");
                    }

                    break;
                case Token.Comma:
                    if (values.Count == 0)
                    {
                        values.Add(string.Empty);
                    }

                    var after = PeekValue().Token;
                    if (after == Token.CloseParen)
                    {
                        values.Add(string.Empty);
                        return [.. values];
                    }

                    if (after == Token.Comma)
                    {
                        ConsumeValue();
                        values.Add(string.Empty);
                    }

                    break;
                default:
                    throw new SelectorParseException($"found '{literal}', expected: ',', or identifier");
            }
        }
    }

    private List<string> ParseExactValue()
    {
        if (PeekValue().Token is Token.EndOfString or Token.Comma)
        {
            return [string.Empty];
        }

        var (token, literal) = ConsumeValue();
        return token == Token.Identifier ? [literal] : throw new SelectorParseException($"found '{literal}', expected: identifier");
    }

    private (Token Token, string Literal) Consume()
    {
        var item = _tokens[_index];
        if (item.Token != Token.EndOfString)
        {
            _index++;
        }

        return item;
    }

    // Where a value may stand, "in" and "notin" are ordinary words ("env in (in)").
    private (Token Token, string Literal) ConsumeValue() => AsValue(Consume());

    private (Token Token, string Literal) PeekValue() => AsValue(_tokens[_index]);

    private static (Token, string) AsValue((Token Token, string Literal) item) =>
        item.Token is Token.In or Token.NotIn ? (Token.Identifier, item.Literal) : item;
}
