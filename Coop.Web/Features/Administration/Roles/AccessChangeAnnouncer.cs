using Coop.Web.Realtime;

namespace Coop.Web.Features.Administration.Roles;

/// <summary>Tells every open circuit of an organization (on every node) that access changed, so they revalidate at once.</summary>
internal static class AccessChangeAnnouncer
{
    /// <summary>Announces a change concerning <c>userId</c>, or any user of the organization when it is null.</summary>
    public static ValueTask AnnounceAsync(this ILiveEvents live, string organizationId, string? userId, string actorUserId, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Access(organizationId), LiveEventKinds.AccessChanged, userId, actorUserId), cancellationToken);
}
