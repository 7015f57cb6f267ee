namespace Skiff.ApiServer.Admission.Services;

/// <summary>No free value is left in an allocation range.</summary>
public sealed class RangeFullException : Exception
{
    public RangeFullException()
        : base("range is full")
    {
    }
}
