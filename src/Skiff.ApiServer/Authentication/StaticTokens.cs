using System.Security.Cryptography;
using System.Text;

namespace Skiff.ApiServer.Authentication;

/// <summary>
/// Bearer tokens in kube-apiserver's --token-auth-file format: <c>token,user,uid,"group1,group2"</c> per line.
/// Compared in constant time so a token cannot be guessed byte by byte.
/// </summary>
public sealed class StaticTokens : ITokenAuthenticator
{
    private readonly List<(byte[] Token, UserInfo User)> _entries = [];

    public static StaticTokens Load(string path)
    {
        var tokens = new StaticTokens();
        if (!File.Exists(path))
        {
            return tokens;
        }

        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = SplitCsv(line);
            if (fields.Count < 3)
            {
                continue;
            }

            var groups = fields.Count > 3 ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() : [];
            groups.Add("system:authenticated");
            tokens.Add(fields[0], new UserInfo(fields[1], groups, fields[2]));
        }

        return tokens;
    }

    public void Add(string token, UserInfo user) => _entries.Add((Encoding.UTF8.GetBytes(token), user));

    public ValueTask<UserInfo?> AuthenticateAsync(string token, CancellationToken ct) => ValueTask.FromResult(Find(token));

    public UserInfo? Find(string token)
    {
        var presented = Encoding.UTF8.GetBytes(token);
        UserInfo? found = null;
        foreach (var (t, user) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(t, presented))
            {
                found = user;
            }
        }

        return found;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
