using System.Globalization;
using System.Text;

namespace Skiff.Storage;

/// <summary>
/// The store's opaque continue token: the snapshot revision and the last key returned. The API
/// server wraps it in its own token, so only this store ever reads it.
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long revision, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{revision}\n{lastKey}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="StoreException">InvalidContinue.</exception>
    public static (long Revision, string LastKey) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline > 0 && long.TryParse(text.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0)
            {
                return (revision, text[(newline + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new StoreException(StoreErrorKind.InvalidContinue, "continue token is not valid for this store");
    }
}
