using System.Text.Json.Nodes;
using Skiff.ApiServer.Admission;

namespace Skiff.ApiServer.Tests.Admission;

/// <summary>Pod updates: a spec that came out of defaulting stays as it is, one stored without a default gets it.</summary>
public sealed class PodUpdateDefaultingTests
{
    private static readonly Skiff.Api.Catalog.ResourceInfo Pods = AdmissionKit.Resource("v1/pods");

    [Fact]
    public void DefaultedSpec_WrittenAgain_StaysTheSame()
    {
        var chain = new AdmissionChain(BuiltInAdmission.All());
        var created = Pod("{'containers':[{'name':'c','image':'nginx'}]}");
        chain.Admit(Pods, created, null);
        var stored = JsonNode.Parse(created.ToJsonString())!.AsObject();

        var update = JsonNode.Parse(stored.ToJsonString())!.AsObject();
        update["status"] = new JsonObject { ["phase"] = "Running" };
        chain.Admit(Pods, update, stored);

        AdmissionKit.AssertJsonEqual(stored["spec"]!, update["spec"]!);
    }

    [Fact]
    public void StatusWrite_LeavesThePodSpecAsStored_WhileAMainWriteDefaultsIt()
    {
        // The status strategy hands admission the stored spec; pods default nothing outside it.
        var chain = new AdmissionChain(BuiltInAdmission.All());
        var stored = Pod("{'containers':[{'name':'c','image':'nginx'}]}");

        var status = JsonNode.Parse(stored.ToJsonString())!.AsObject();
        chain.Admit(Pods, status, stored, "status");
        var main = JsonNode.Parse(stored.ToJsonString())!.AsObject();
        chain.Admit(Pods, main, stored);

        AdmissionKit.AssertJsonEqual(stored["spec"]!, status["spec"]!);
        Assert.Equal("ClusterFirst", (string?)main["spec"]!["dnsPolicy"]);
    }

    [Fact]
    public void StatusWrite_StillDefaultsKindsWhoseDefaultsReachStatus()
    {
        var chain = new AdmissionChain(BuiltInAdmission.All());
        var claims = AdmissionKit.Resource("v1/persistentvolumeclaims");
        var stored = AdmissionKit.Parse("{'metadata':{'name':'c','namespace':'d'},'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}");
        var status = JsonNode.Parse(stored.ToJsonString())!.AsObject();

        chain.Admit(claims, status, stored, "status");

        Assert.Equal("Pending", (string?)status["status"]!["phase"]);
    }

    [Fact]
    public void SpecStoredWithoutADefault_IsDefaultedOnItsNextWrite()
    {
        var chain = new AdmissionChain(BuiltInAdmission.All());
        var created = Pod("{'containers':[{'name':'c','image':'nginx'}]}");
        chain.Admit(Pods, created, null);

        // As if stored by a server that did not default dnsPolicy yet.
        var stored = JsonNode.Parse(created.ToJsonString())!.AsObject();
        stored["spec"]!.AsObject().Remove("dnsPolicy");
        var update = JsonNode.Parse(stored.ToJsonString())!.AsObject();
        chain.Admit(Pods, update, stored);

        Assert.Equal("ClusterFirst", (string?)update["spec"]!["dnsPolicy"]);
    }

    [Fact]
    public void SameUserSpec_IsDefaultedEveryTime()
    {
        var chain = new AdmissionChain(BuiltInAdmission.All());
        for (var i = 0; i < 3; i++)
        {
            var pod = Pod("{'containers':[{'name':'c','image':'nginx'}]}");
            chain.Admit(Pods, pod, null);

            Assert.Equal("Always", (string?)pod["spec"]!["containers"]![0]!["imagePullPolicy"]);
            Assert.Equal(2, pod["spec"]!["tolerations"]!.AsArray().Count);
        }
    }

    private static JsonObject Pod(string spec) =>
        AdmissionKit.Parse("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'default'},'spec':" + spec + "}");
}
