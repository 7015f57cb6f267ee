using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.CustomResources;

/// <summary>A valid CRD to start test cases from.</summary>
internal static class CrdFixtures
{
    public static JsonObject Widgets(string scope = "Namespaced") => TestJson.Obj("""
        {'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',
         'metadata':{'name':'widgets.example.com'},
         'spec':{'group':'example.com','scope':'SCOPE',
           'names':{'plural':'widgets','singular':'widget','kind':'Widget','listKind':'WidgetList','shortNames':['wd'],'categories':['all']},
           'versions':[
             {'name':'v1','served':true,'storage':true,
              'subresources':{'status':{},'scale':{'specReplicasPath':'.spec.replicas','statusReplicasPath':'.status.replicas','labelSelectorPath':'.status.selector'}},
              'additionalPrinterColumns':[{'name':'Replicas','type':'integer','jsonPath':'.spec.replicas'}],
              'schema':{'openAPIV3Schema':{'type':'object','properties':{
                 'spec':{'type':'object','required':['size'],'properties':{
                    'size':{'type':'string','enum':['small','large']},
                    'replicas':{'type':'integer','minimum':0,'default':1}}},
                 'status':{'type':'object','properties':{'replicas':{'type':'integer'},'selector':{'type':'string'}}}}}}},
             {'name':'v1beta1','served':true,'storage':false,
              'schema':{'openAPIV3Schema':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}]}}
        """.Replace("SCOPE", scope, StringComparison.Ordinal));
}
