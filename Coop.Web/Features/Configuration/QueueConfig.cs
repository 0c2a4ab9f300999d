namespace Coop.Web.Features.Configuration;

/// <summary>
/// A review queue in a configuration file. <c>kind</c> is STANDARD (reports and rule matches), APPEALS or NCMEC and never
/// changes; <c>ordering</c> is AGE or PRIORITY. Reviewers are named so a file moves between installs: users by email (by id
/// for a user without one), roles by key (e.g. MODERATOR). Both empty: every reviewer may work the queue. A queue flagged
/// <c>isDefault</c> whose id the organization lacks is matched to the organization's default queue of its kind, whatever its
/// id (as the default user type is), unless the file also lists that queue; otherwise it takes the default flag.
/// </summary>
public sealed record QueueConfig(
    string? Id,
    string? Name,
    string? Description = null,
    string? Kind = null,
    string? Ordering = null,
    bool? IsDefault = null,
    IReadOnlyList<string>? ReviewerUsers = null,
    IReadOnlyList<string>? ReviewerRoles = null,
    IReadOnlyList<string>? HiddenActionIds = null);
