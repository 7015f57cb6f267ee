using k8s.Models;
using Skiff.ApiServer.OpenApi;

namespace Skiff.ApiServer.Tests.OpenApi;

public sealed class ModelDocsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"skiff-docs-{Guid.NewGuid():N}.xml");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Load_KeepsModelSummaries_WithNestedElementsAsText()
    {
        File.WriteAllText(_path, """
            <?xml version="1.0"?>
            <doc>
              <members>
                <member name="T:k8s.Kubernetes"><summary>Not a model.</summary></member>
                <member name="T:k8s.Models.V1Pod">
                  <summary>
                  Pod is a collection of containers
                  that can run on a <see cref="T:k8s.Models.V1Node"/>host.
                  </summary>
                </member>
                <member name="P:k8s.Models.V1Pod.Spec"><summary>Specification of the pod.</summary></member>
              </members>
            </doc>
            """.Trim());

        var docs = ModelDocs.Load(_path);

        Assert.Equal(2, docs.Count);
        Assert.Equal("Pod is a collection of containers that can run on a host.", docs.OfType(typeof(V1Pod)));
        Assert.Equal("Specification of the pod.", docs.OfProperty(typeof(V1Pod), "Spec"));
        Assert.Null(docs.OfProperty(typeof(V1Pod), "Status"));
    }
}
