namespace Coop.Web.Realtime;

/// <summary>
/// A notification that something changed, carried to every subscriber of <see cref="Topic"/> on every node.
/// Events are thin: they say what changed (<see cref="Kind"/>, <see cref="EntityId"/>), and subscribers
/// re-read what they show, so a lost or duplicated event never leaves a screen wrong for long.
/// </summary>
/// <param name="OrganizationId">The organization it belongs to; subscribers only ever see their own.</param>
/// <param name="Topic">See <see cref="LiveTopics"/>.</param>
/// <param name="Kind">See <see cref="LiveEventKinds"/>.</param>
/// <param name="EntityId">The job, queue or item concerned, when there is one.</param>
/// <param name="ActorUserId">Who caused it, when a person did.</param>
public sealed record LiveEvent(string OrganizationId, string Topic, string Kind, string? EntityId = null, string? ActorUserId = null);
