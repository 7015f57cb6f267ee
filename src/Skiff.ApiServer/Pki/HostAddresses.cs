using System.Net.NetworkInformation;

namespace Skiff.ApiServer.Pki;

/// <summary>This machine's unicast addresses, for the IP names of the certificates it serves with.</summary>
public static class HostAddresses
{
    public static IEnumerable<string> All()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            yield break;
        }

        foreach (var nic in interfaces)
        {
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
            {
                // Link-local IPv6 addresses carry a scope and are no use as a certificate name.
                if (!address.Address.IsIPv6LinkLocal)
                {
                    yield return address.Address.ToString();
                }
            }
        }
    }
}
