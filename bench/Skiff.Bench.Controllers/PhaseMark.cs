namespace Skiff.Bench.Controllers;

internal readonly record struct PhaseMark(double CpuSeconds, double RssMiB);
