using Skiff.Api.Validation;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Admission;

internal static class Causes
{
    public static IReadOnlyList<StatusCause> From(IEnumerable<FieldError> errors) =>
        errors.Select(e => new StatusCause(e.Reason, e.Message, e.Field)).ToList();
}
