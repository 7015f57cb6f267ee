namespace Skiff.Api.Quantities;

/// <summary>How a quantity prints; taken from the suffix it was written with.</summary>
public enum QuantityFormat
{
    /// <summary>Powers of ten as SI suffixes: n u m "" k M G T P E.</summary>
    DecimalSI,

    /// <summary>Powers of 1024: Ki Mi Gi Ti Pi Ei.</summary>
    BinarySI,

    /// <summary>Scientific notation: 12e6.</summary>
    DecimalExponent,
}
