using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources;

/// <summary>Writes what the naming decision means into a CRD's status, with upstream's reasons and messages.</summary>
internal static class CrdStatus
{
    public static void Apply(JsonObject crd, CrdNaming.Result naming, DateTimeOffset now)
    {
        var status = CrdJson.Status(crd);
        status["acceptedNames"] = naming.Accepted.ToJson();
        CrdConditions.Set(crd, CrdConditions.NamesAccepted, naming.AllAccepted, naming.Reason, naming.Message, now);

        // Once established, a CRD stays established: later name conflicts keep the names it already serves.
        if (naming.AllAccepted)
        {
            if (!CrdConditions.IsTrue(crd, CrdConditions.Established))
            {
                CrdConditions.Set(crd, CrdConditions.Established, true, "InitialNamesAccepted", "the initial names have been accepted", now);
            }
        }
        else if (!CrdConditions.IsTrue(crd, CrdConditions.Established))
        {
            CrdConditions.Set(crd, CrdConditions.Established, false, "NotAccepted", "not all names are accepted", now);
        }

        if (CrdJson.StorageVersion(crd) is { Length: > 0 } storage)
        {
            if (status["storedVersions"] is not JsonArray stored)
            {
                stored = [];
                status["storedVersions"] = stored;
            }

            if (!CrdJson.Strings(stored).Contains(storage))
            {
                stored.Add(storage);
            }
        }
    }
}
