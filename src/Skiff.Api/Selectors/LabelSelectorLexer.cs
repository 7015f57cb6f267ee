namespace Skiff.Api.Selectors;

/// <summary>Splits a label selector string into tokens the way upstream's lexer does.</summary>
internal sealed class LabelSelectorLexer(string input)
{
    private int _position;

    internal enum Token
    {
        EndOfString,
        Identifier,
        DoesNotExist,
        Equals,
        DoubleEquals,
        NotEquals,
        GreaterThan,
        LessThan,
        In,
        NotIn,
        OpenParen,
        CloseParen,
        Comma,
    }

    public (Token Token, string Literal) Next()
    {
        while (_position < input.Length && IsWhitespace(input[_position]))
        {
            _position++;
        }

        if (_position >= input.Length)
        {
            return (Token.EndOfString, string.Empty);
        }

        return IsSpecial(input[_position]) ? ScanSymbol() : ScanWord();
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    // Longest match among the symbols, as upstream scans them.
    private (Token, string) ScanSymbol()
    {
        var start = _position;
        if (_position + 1 < input.Length)
        {
            var two = input.Substring(_position, 2);
            if (two is "==" or "!=")
            {
                _position += 2;
                return (two == "==" ? Token.DoubleEquals : Token.NotEquals, two);
            }
        }

        _position++;
        var one = input[start];
        return one switch
        {
            '=' => (Token.Equals, "="),
            '!' => (Token.DoesNotExist, "!"),
            '(' => (Token.OpenParen, "("),
            ')' => (Token.CloseParen, ")"),
            ',' => (Token.Comma, ","),
            '>' => (Token.GreaterThan, ">"),
            _ => (Token.LessThan, "<"),
        };
    }

    private (Token, string) ScanWord()
    {
        var start = _position;
        while (_position < input.Length && !IsWhitespace(input[_position]) && !IsSpecial(input[_position]))
        {
            _position++;
        }

        var word = input[start.._position];
        return word switch
        {
            "in" => (Token.In, word),
            "notin" => (Token.NotIn, word),
            _ => (Token.Identifier, word),
        };
    }
}
