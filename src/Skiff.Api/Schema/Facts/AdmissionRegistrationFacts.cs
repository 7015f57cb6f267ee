using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the admissionregistration/v1, admissionregistration/v1alpha1, admissionregistration/v1beta1 types, as upstream declares them.</summary>
internal static class AdmissionRegistrationFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicStruct<V1MatchResources>();
        t.AtomicList<V1MatchResources>("excludeResourceRules");
        t.AtomicList<V1MatchResources>("resourceRules");

        t.MapList<V1MutatingAdmissionPolicySpec>("matchConditions", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1MutatingAdmissionPolicySpec>("mutations");
        t.AtomicList<V1MutatingAdmissionPolicySpec>("variables");

        t.AtomicList<V1MutatingWebhook>("admissionReviewVersions");
        t.MapList<V1MutatingWebhook>("matchConditions", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1MutatingWebhook>("rules");

        t.MapList<V1MutatingWebhookConfiguration>("webhooks", ["name"], patch: Merge, mergeKey: "name");

        t.AtomicStruct<V1NamedRuleWithOperations>();
        t.AtomicList<V1NamedRuleWithOperations>("apiGroups");
        t.AtomicList<V1NamedRuleWithOperations>("apiVersions");
        t.AtomicList<V1NamedRuleWithOperations>("operations");
        t.AtomicList<V1NamedRuleWithOperations>("resourceNames");
        t.AtomicList<V1NamedRuleWithOperations>("resources");

        t.AtomicStruct<V1ParamKind>();

        t.AtomicStruct<V1ParamRef>();

        t.AtomicList<V1RuleWithOperations>("apiGroups");
        t.AtomicList<V1RuleWithOperations>("apiVersions");
        t.AtomicList<V1RuleWithOperations>("operations");
        t.AtomicList<V1RuleWithOperations>("resources");

        t.AtomicList<V1TypeChecking>("expressionWarnings");

        t.SetList<V1ValidatingAdmissionPolicyBindingSpec>("validationActions");

        t.AtomicList<V1ValidatingAdmissionPolicySpec>("auditAnnotations");
        t.MapList<V1ValidatingAdmissionPolicySpec>("matchConditions", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1ValidatingAdmissionPolicySpec>("validations");
        t.MapList<V1ValidatingAdmissionPolicySpec>("variables", ["name"], patch: Merge, mergeKey: "name");

        t.MapList<V1ValidatingAdmissionPolicyStatus>("conditions", ["type"]);

        t.AtomicList<V1ValidatingWebhook>("admissionReviewVersions");
        t.MapList<V1ValidatingWebhook>("matchConditions", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1ValidatingWebhook>("rules");

        t.MapList<V1ValidatingWebhookConfiguration>("webhooks", ["name"], patch: Merge, mergeKey: "name");

        t.AtomicStruct<V1Variable>();

        t.AtomicStruct<V1alpha1MatchResources>();
        t.AtomicList<V1alpha1MatchResources>("excludeResourceRules");
        t.AtomicList<V1alpha1MatchResources>("resourceRules");

        t.MapList<V1alpha1MutatingAdmissionPolicySpec>("matchConditions", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1alpha1MutatingAdmissionPolicySpec>("mutations");
        t.AtomicList<V1alpha1MutatingAdmissionPolicySpec>("variables");

        t.AtomicStruct<V1alpha1NamedRuleWithOperations>();
        t.AtomicList<V1alpha1NamedRuleWithOperations>("resourceNames");

        t.AtomicStruct<V1alpha1ParamKind>();

        t.AtomicStruct<V1alpha1ParamRef>();

        t.AtomicStruct<V1beta1MatchResources>();
        t.AtomicList<V1beta1MatchResources>("excludeResourceRules");
        t.AtomicList<V1beta1MatchResources>("resourceRules");

        t.MapList<V1beta1MutatingAdmissionPolicySpec>("matchConditions", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1beta1MutatingAdmissionPolicySpec>("mutations");
        t.AtomicList<V1beta1MutatingAdmissionPolicySpec>("variables");

        t.AtomicStruct<V1beta1NamedRuleWithOperations>();
        t.AtomicList<V1beta1NamedRuleWithOperations>("resourceNames");

        t.AtomicStruct<V1beta1ParamKind>();

        t.AtomicStruct<V1beta1ParamRef>();

        t.AtomicStruct<V1beta1Variable>();
    }
}
