using System.ComponentModel.DataAnnotations;

namespace Coop.Web.Api;

/// <summary>The <c>Api</c> configuration section: limits of the platform API.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted, in bytes (Coop 1.0 accepts 50 MB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most items in one <c>POST /api/v1/items/async/</c> batch.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchItems { get; set; } = 5000;
}
