using Grpc.Core;
using Skiff.Kubelet.Images;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

[Trait("Category", "Slow")]
[Collection(RuntimeCollection.Name)]
public sealed class ImageSourcesTests(RuntimeFixture fixture)
{
    private ContainerRuntime Runtime => fixture.Runtime;

    [Fact]
    public async Task ArchiveInAgentImages_IsImportedAtStart()
    {
        var image = await Runtime.Images.StatusAsync(fixture.AirGappedImage, CancellationToken.None);

        Assert.NotNull(image);
        Assert.Contains(fixture.AirGappedImage, image.RepoTags);
    }

    [Fact]
    public async Task MirrorFromRegistriesYaml_ServesARegistryThatDoesNotExist()
    {
        var reference = $"{fixture.MirroredRegistry}/skiff-test/exit:1";

        var imageRef = await Runtime.Images.PullAsync(reference, [], null, CancellationToken.None);

        Assert.StartsWith("sha256:", imageRef, StringComparison.Ordinal);
        Assert.NotNull(await Runtime.Images.StatusAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task EnsureAsync_NeverPolicyWithoutTheImage_FailsWithoutPulling()
    {
        var missing = $"{fixture.Registry}/skiff-test/not-there:1";

        var e = await Assert.ThrowsAsync<ImageNotPresentException>(() =>
            Runtime.Images.EnsureAsync(missing, "Never", [], null, CancellationToken.None));

        Assert.Equal($"Container image \"{missing}\" is not present with pull policy of Never", e.Message);
    }

    [Fact]
    public async Task PullAsync_UnknownRepository_FailsWithTheRuntimesReason()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Runtime.Images.PullAsync($"{fixture.Registry}/skiff-test/not-there:1", [], null, CancellationToken.None));

        Assert.Contains("not found", e.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CredentialsFromRegistriesYaml_PullFromARegistryThatDemandsThem()
    {
        var reference = $"127.0.0.1:{fixture.AuthRegistryPort}/skiff-test/shell:1";

        var imageRef = await Runtime.Images.PullAsync(reference, [], null, CancellationToken.None);

        Assert.StartsWith("sha256:", imageRef, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsFromAPullSecret_PullFromARegistryThatDemandsThem()
    {
        var reference = $"localhost:{fixture.AuthRegistryPort}/skiff-test/exit:1";
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fixture.RegistryUser}:{fixture.RegistryPassword}"));
        var secret = new System.Text.Json.Nodes.JsonObject
        {
            ["auths"] = new System.Text.Json.Nodes.JsonObject { [$"localhost:{fixture.AuthRegistryPort}"] = new System.Text.Json.Nodes.JsonObject { ["auth"] = auth } },
        }.ToJsonString();

        await Assert.ThrowsAsync<RpcException>(() => Runtime.Images.PullAsync(reference, [], null, CancellationToken.None));
        var imageRef = await Runtime.Images.PullAsync(reference, DockerConfigCredentials.ForImage(secret, reference), null, CancellationToken.None);

        Assert.StartsWith("sha256:", imageRef, StringComparison.Ordinal);
    }
}
