namespace Skiff.Api.Validation;

/// <summary>Which name rule upstream applies to each built-in resource.</summary>
public static class NameRules
{
    /// <summary>
    /// Most resources take DNS subdomain names. Namespaces are DNS labels because they appear in
    /// DNS names; Services are DNS-1035 labels because their names become environment variables
    /// and DNS labels; RBAC objects only need to be one path segment ("system:node" is valid).
    /// </summary>
    public static NameRule For(string group, string resource) => (group, resource) switch
    {
        ("", "namespaces") => NameValidation.NameIsDnsLabel,
        ("", "services") => NameValidation.NameIsDns1035Label,
        ("rbac.authorization.k8s.io", _) => NameValidation.IsValidPathSegmentName,
        _ => NameValidation.NameIsDnsSubdomain,
    };
}
