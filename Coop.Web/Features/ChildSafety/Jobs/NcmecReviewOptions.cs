using System.ComponentModel.DataAnnotations;

namespace Coop.Web.Features.ChildSafety.Jobs;

/// <summary>The <c>ChildSafety:Review</c> configuration section: how much of a user's media an NCMEC job gathers.</summary>
public sealed class NcmecReviewOptions
{
    public const string SectionName = "ChildSafety:Review";

    /// <summary>At most this many media per job; the items left out are counted and the reviewer is told.</summary>
    [Range(1, 100_000)]
    public int MediaCap { get; set; } = 1000;

    /// <summary>The user's items are read this many at a time.</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 200;
}
