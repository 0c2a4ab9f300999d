using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Context;

/// <summary>Adds a note about a user (a user item) that every later job about them shows.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record AddUserNoteCommand(string UserItemTypeId, string UserItemId, string Text);

/// <summary>The notes about a user, newest first.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ListUserNotesQuery(string UserItemTypeId, string UserItemId);

public sealed record UserNoteView(long Id, string AuthorName, string Text, DateTime CreatedAt);

internal sealed class UserNotesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : ICommandHandler<AddUserNoteCommand, UserNoteView>, IQueryHandler<ListUserNotesQuery, IReadOnlyList<UserNoteView>>
{
    public async Task<UserNoteView> HandleAsync(AddUserNoteCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var text = command.Text?.Trim() ?? string.Empty;
        if (text.Length is 0 or > UserNote.TextMaxLength)
        {
            throw new ValidationFailedException("text", text.Length == 0 ? "Write the note first." : $"Use at most {UserNote.TextMaxLength} characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var note = UserNote.Write(actor.OrganizationId, command.UserItemTypeId, command.UserItemId, actor.UserId, actor.Name, text, time.GetUtcNow().UtcDateTime);
        db.UserNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Item(actor.OrganizationId, command.UserItemTypeId, command.UserItemId),
            LiveEventKinds.ItemChanged, command.UserItemId, actor.UserId), cancellationToken);
        return new UserNoteView(note.Id, note.AuthorName, note.Text, note.CreatedAt);
    }

    public async Task<IReadOnlyList<UserNoteView>> HandleAsync(ListUserNotesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.UserNotes.AsNoTracking()
            .Where(n => n.OrganizationId == actor.OrganizationId && n.UserItemTypeId == query.UserItemTypeId && n.UserItemId == query.UserItemId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(100)
            .Select(n => new UserNoteView(n.Id, n.AuthorName, n.Text, n.CreatedAt))
            .ToListAsync(cancellationToken);
    }
}
