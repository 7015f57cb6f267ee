namespace Skiff.ApiServer.Handlers;

/// <summary>PATCH of a resource or its status, in any of the patch types the server accepts.</summary>
public interface IPatchHandler
{
    Task HandleAsync(ApiRequest request, ObjectWriter writer);
}
