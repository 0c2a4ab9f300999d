using System.ComponentModel.DataAnnotations;

namespace Coop.Infrastructure.ChildSafety;

/// <summary>The <c>CyberTipline</c> section: per-call timeouts and the response size cap of the NCMEC client.</summary>
public sealed class CyberTiplineOptions
{
    public const string SectionName = "CyberTipline";

    /// <summary>Timeout of <c>/status</c>, <c>/submit</c>, <c>/fileinfo</c>, <c>/finish</c> and <c>/retract</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one <c>/upload</c> (the whole file is streamed within it).</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Responses larger than this are refused unread (NCMEC's answers are a few hundred bytes).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 256 * 1024;
}
