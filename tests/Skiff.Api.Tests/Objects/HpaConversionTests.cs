using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.Api.Tests.Objects;

public sealed class HpaConversionTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void ToV1_CpuUtilizationMetric_BecomesTheTargetPercentageWithoutAnnotations()
    {
        var v2 = Parse("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","namespace":"d"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":5,
                     "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":55}}}]},
             "status":{"currentReplicas":2,"desiredReplicas":3}}
            """);

        var v1 = HpaConversion.ToV1(v2);

        Assert.Equal(
            """{"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","namespace":"d"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":2,"maxReplicas":5,"targetCPUUtilizationPercentage":55},"status":{"currentReplicas":2,"desiredReplicas":3}}""",
            v1.ToJsonString());
    }

    [Fact]
    public void ToV1_OtherMetricsStatusesBehaviorAndConditions_GoToAnnotations()
    {
        var v2 = Parse("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
             "metadata":{"name":"web","labels":{"a":"b"},"annotations":{"keep":"me"},"managedFields":[]},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":5,
                     "metrics":[{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"100Mi"}}},
                                {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}}],
                     "behavior":{"scaleDown":{"stabilizationWindowSeconds":60,"selectPolicy":"Max","policies":[{"type":"Pods","value":1,"periodSeconds":30}]}}},
             "status":{"currentReplicas":1,"desiredReplicas":1,
                       "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageValue":"50m","averageUtilization":12}}}],
                       "conditions":[{"type":"AbleToScale","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"R","message":"m"}]}}
            """);

        var v1 = HpaConversion.ToV1(v2);

        var annotations = v1["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("me", (string?)annotations["keep"]);
        Assert.Equal(
            """[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}},{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"10"}}]""",
            (string?)annotations[HpaConversion.MetricsAnnotation]);
        Assert.Equal(
            """[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":12,"currentAverageValue":"50m"}}]""",
            (string?)annotations[HpaConversion.CurrentMetricsAnnotation]);
        Assert.Equal(
            """{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":60,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":1,"PeriodSeconds":30}],"Tolerance":null}}""",
            (string?)annotations[HpaConversion.BehaviorAnnotation]);
        Assert.Contains("AbleToScale", (string?)annotations[HpaConversion.ConditionsAnnotation]);
        Assert.Equal(12, (int)v1["status"]!["currentCPUUtilizationPercentage"]!);
        Assert.Null(v1["spec"]!["targetCPUUtilizationPercentage"]);
        // Annotations sit where ObjectMeta puts them: after labels, before managedFields.
        Assert.Equal(["name", "labels", "annotations", "managedFields"], v1["metadata"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void V2ThroughV1AndBack_KeepsEveryField()
    {
        var v2 = Parse("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","annotations":{"keep":"me"}},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":1,"maxReplicas":5,
                     "metrics":[{"type":"Object","object":{"describedObject":{"kind":"Service","name":"s"},"target":{"type":"Value","value":"2"},"metric":{"name":"hits"}}},
                                {"type":"External","external":{"metric":{"name":"queue","selector":{"matchLabels":{"q":"a"}}},"target":{"type":"AverageValue","averageValue":"30"}}},
                                {"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","target":{"type":"Utilization","averageUtilization":70}}},
                                {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}],
                     "behavior":{"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]}}},
             "status":{"observedGeneration":3,"currentReplicas":2,"desiredReplicas":2,
                       "currentMetrics":[{"type":"Pods","pods":{"metric":{"name":"qps"},"current":{"averageValue":"7"}}}],
                       "conditions":[{"type":"ScalingActive","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"R","message":"m"}]}}
            """);

        var back = HpaConversion.ToV2(HpaConversion.ToV1(v2));

        Assert.Equal("autoscaling/v2", (string?)back["apiVersion"]);
        Assert.Equal("""{"keep":"me"}""", back["metadata"]!["annotations"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(v2["spec"]!["behavior"], back["spec"]!["behavior"]));
        Assert.True(JsonNode.DeepEquals(v2["status"]!["conditions"], back["status"]!["conditions"]));
        Assert.True(JsonNode.DeepEquals(v2["status"]!["currentMetrics"], back["status"]!["currentMetrics"]), back["status"]!.ToJsonString());
        Assert.Equal(
            """[{"type":"Object","object":{"describedObject":{"kind":"Service","name":"s"},"metric":{"name":"hits"},"target":{"type":"Value","value":"2"}}},{"type":"External","external":{"metric":{"name":"queue","selector":{"matchLabels":{"q":"a"}}},"target":{"type":"AverageValue","averageValue":"30"}}},{"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","target":{"type":"Utilization","averageUtilization":70}}},{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}]""",
            back["spec"]!["metrics"]!.ToJsonString());
    }

    [Fact]
    public void ToV2_WithoutCpuTarget_DefaultsToEightyPercentAndOneReplica()
    {
        var v1 = Parse("""{"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":4}}""");

        var v2 = HpaConversion.ToV2(v1);

        Assert.Equal(
            """{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":1,"maxReplicas":4,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]}""",
            v2["spec"]!.ToJsonString());
        Assert.Equal("""{"currentReplicas":0,"desiredReplicas":0}""", v2["status"]!.ToJsonString());
    }

    [Fact]
    public void ToV2_CurrentCpuPercentage_BecomesACurrentMetric()
    {
        var v1 = Parse("""{"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":4,"targetCPUUtilizationPercentage":50},"status":{"currentReplicas":1,"desiredReplicas":1,"currentCPUUtilizationPercentage":33}}""");

        var v2 = HpaConversion.ToV2(v1);

        Assert.Equal("""[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":33}}}]""", v2["status"]!["currentMetrics"]!.ToJsonString());
        Assert.Equal(50, (int)v2["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!);
        Assert.Equal(33, (int)HpaConversion.ToV1(v2)["status"]!["currentCPUUtilizationPercentage"]!);
    }

    [Fact]
    public void ToV2_CorruptAnnotation_IsIgnoredAndDropped()
    {
        var v1 = Parse("""{"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","annotations":{"autoscaling.alpha.kubernetes.io/metrics":"{not json"}},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":4,"targetCPUUtilizationPercentage":50}}""");

        var v2 = HpaConversion.ToV2(v1);

        Assert.Null(v2["metadata"]!["annotations"]);
        Assert.Single(v2["spec"]!["metrics"]!.AsArray());
    }
}
