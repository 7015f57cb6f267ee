using System.Globalization;
using k8s.Models;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>Turns a probe or hook port (number, or the name of one of the container's ports) into a number.</summary>
public static class PortResolver
{
    public static int Resolve(IntOrString port, V1Container container)
    {
        var value = port.Value;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number is <= 0 or > 65535)
            {
                throw new ProbeSetupException($"invalid port number: {number}");
            }

            return number;
        }

        foreach (var containerPort in container.Ports ?? [])
        {
            if (containerPort.Name == value)
            {
                return containerPort.ContainerPort;
            }
        }

        throw new ProbeSetupException($"couldn't find port: {value} in {container.Name}");
    }
}
