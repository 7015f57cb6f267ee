using Skiff.ApiServer.Pki;

namespace Skiff.ApiServer.Tests.Bootstrap;

/// <summary>A cluster CA under a temp data dir, made once per test class and removed after.</summary>
public sealed class PkiFixture : IDisposable
{
    public PkiFixture()
    {
        DataDir = Directory.CreateTempSubdirectory("skiff-join-").FullName;
        Certificates = ClusterCertificates.LoadOrCreate(DataDir, [], TimeProvider.System);
    }

    public string DataDir { get; }

    public ClusterCertificates Certificates { get; }

    public void Dispose()
    {
        Certificates.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }
}
