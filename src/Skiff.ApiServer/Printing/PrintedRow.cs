using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>The cells of one table row and the optional row conditions (pods mark completed rows).</summary>
internal sealed record PrintedRow(JsonArray Cells, JsonArray? Conditions = null);
