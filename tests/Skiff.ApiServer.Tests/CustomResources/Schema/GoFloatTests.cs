using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.Tests.CustomResources.Schema;

public sealed class GoFloatTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(-3, "-3")]
    [InlineData(0.5, "0.5")]
    [InlineData(100000, "100000")]
    [InlineData(1000000, "1e+06")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001234, "1.234e-05")]
    public void Format_MatchesGoPercentV(double value, string expected) => Assert.Equal(expected, GoFloat.Format(value));
}
