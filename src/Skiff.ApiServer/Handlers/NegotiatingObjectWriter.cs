using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Printing;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// Chooses the representation from the Accept header: plain JSON or YAML, or a meta.k8s.io Table for
/// kubectl's server-side printing.
/// </summary>
public sealed class NegotiatingObjectWriter : ObjectWriter
{
    private const string WatchEncoderKey = "skiff.tableWatchEncoder";
    private readonly TableBuilder _tables;

    public NegotiatingObjectWriter(TimeProvider time)
    {
        _tables = new TableBuilder(time);
    }

    public override Task WriteObjectAsync(ApiRequest request, int code, JsonObject obj)
    {
        var media = Negotiate(request);
        if (media.Transform == OutputTransform.Table && code < 300)
        {
            return Responses.WriteAsync(request.Http, code, _tables.ForObject(Printer(request), obj, TableFor(request, media)), media.Format == OutputFormat.Yaml);
        }

        return Responses.WriteAsync(request.Http, code, obj, media.Format == OutputFormat.Yaml);
    }

    public override Task WriteStoredAsync(ApiRequest request, int code, StoredObject stored) =>
        Negotiate(request).Transform == OutputTransform.Table ? WriteObjectAsync(request, code, stored.Object) : base.WriteStoredAsync(request, code, stored);

    public override Task WriteListAsync(ApiRequest request, IReadOnlyList<JsonObject> items, string resourceVersion, string? continueToken, long? remaining)
    {
        var media = Negotiate(request);
        if (media.Transform == OutputTransform.Table)
        {
            var table = _tables.ForList(Printer(request), items, new ListMetadata(resourceVersion, continueToken, remaining), TableFor(request, media));
            return Responses.WriteAsync(request.Http, 200, table, media.Format == OutputFormat.Yaml);
        }

        return base.WriteListAsync(request, items, resourceVersion, continueToken, remaining);
    }

    public override bool ShapesWatchObjects(ApiRequest request) => Negotiate(request).Transform == OutputTransform.Table;

    public override JsonNode WatchObject(ApiRequest request, JsonObject obj)
    {
        var media = Negotiate(request);
        if (media.Transform != OutputTransform.Table)
        {
            return obj;
        }

        if (request.Http.Items[WatchEncoderKey] is not TableWatchEncoder encoder)
        {
            encoder = _tables.ForWatch(Printer(request), TableFor(request, media));
            request.Http.Items[WatchEncoderKey] = encoder;
        }

        return encoder.Encode(obj);
    }

    protected override bool WantsYaml(ApiRequest request) => Negotiate(request).Format == OutputFormat.Yaml;

    private static OutputMediaType Negotiate(ApiRequest request) =>
        AcceptNegotiator.Negotiate(request.Http.Request.Headers.Accept.ToString())
            ?? throw ApiErrors.NotAcceptable("only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf");

    private static TableRequest TableFor(ApiRequest request, OutputMediaType media)
    {
        if (!TableRequest.TryCreate(media.TransformApiVersion ?? TableRequest.V1, request.QueryValue("includeObject"), out var table, out var error))
        {
            throw ApiErrors.BadRequest(error!);
        }

        return table;
    }

    private static ITablePrinter Printer(ApiRequest request) =>
        request.Resource.PrinterColumns is { } columns
            ? new CustomResourcePrinter(columns)
            : BuiltInPrinters.For(request.Resource.Group, request.Resource.Kind);
}
