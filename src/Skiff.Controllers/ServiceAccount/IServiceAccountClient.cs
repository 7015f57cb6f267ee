using k8s.Models;

namespace Skiff.Controllers.ServiceAccount;

/// <summary>The service-account controller's one write; a fake in tests.</summary>
public interface IServiceAccountClient
{
    /// <summary>Creates the account; one that already exists is not an error.</summary>
    Task CreateAsync(string ns, V1ServiceAccount account, CancellationToken ct);
}
