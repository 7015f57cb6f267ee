namespace Skiff.ApiServer.Handlers;

/// <summary>GET of one named object.</summary>
public static class GetHandler
{
    public static async Task HandleAsync(ApiRequest request, ObjectWriter writer)
    {
        var stored = await request.Store.GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false);
        await writer.WriteObjectAsync(request, 200, stored.Object).ConfigureAwait(false);
    }
}
