using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Comments;

/// <summary>Adds an internal comment to a job of the user's organization.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record AddJobCommentCommand(string JobId, string Text);

/// <summary>Deletes one of the user's own comments.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record DeleteJobCommentCommand(long CommentId);

/// <summary>A job's comments, oldest first.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ListJobCommentsQuery(string JobId);

/// <summary>A comment as the job view shows it; <see cref="IsMine"/> offers deletion.</summary>
public sealed record JobCommentView(long Id, string AuthorName, string Text, DateTime CreatedAt, bool IsMine);

internal sealed class JobCommentsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : ICommandHandler<AddJobCommentCommand, JobCommentView>, ICommandHandler<DeleteJobCommentCommand, bool>,
      IQueryHandler<ListJobCommentsQuery, IReadOnlyList<JobCommentView>>
{
    public async Task<JobCommentView> HandleAsync(AddJobCommentCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        if (string.IsNullOrWhiteSpace(command.Text))
        {
            throw new ValidationFailedException("text", "Write a comment first.");
        }

        if (command.Text.Trim().Length > JobComment.TextMaxLength)
        {
            throw new ValidationFailedException("text", $"Use at most {JobComment.TextMaxLength} characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.ReviewJobs.AnyAsync(j => j.Id == command.JobId && j.OrganizationId == actor.OrganizationId, cancellationToken))
        {
            throw new ValidationFailedException(string.Empty, "There is no such job.");
        }

        var comment = JobComment.Write(actor.OrganizationId, command.JobId, actor.UserId, actor.Name, command.Text, time.GetUtcNow().UtcDateTime);
        db.JobComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Job(command.JobId), LiveEventKinds.CommentAdded, command.JobId, actor.UserId), cancellationToken);
        return new JobCommentView(comment.Id, comment.AuthorName, comment.Text, comment.CreatedAt, true);
    }

    public async Task<bool> HandleAsync(DeleteJobCommentCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var comment = await db.JobComments.SingleOrDefaultAsync(c => c.Id == command.CommentId && c.OrganizationId == actor.OrganizationId, cancellationToken);
        if (comment is null)
        {
            return false;
        }

        if (comment.AuthorUserId != actor.UserId)
        {
            throw new ForbiddenAccessException("Only the author can delete a comment.");
        }

        db.JobComments.Remove(comment);
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Job(comment.JobId), LiveEventKinds.CommentAdded, comment.JobId, actor.UserId), cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<JobCommentView>> HandleAsync(ListJobCommentsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.JobComments.AsNoTracking()
            .Where(c => c.JobId == query.JobId && c.OrganizationId == actor.OrganizationId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new JobCommentView(c.Id, c.AuthorName, c.Text, c.CreatedAt, c.AuthorUserId == actor.UserId))
            .ToListAsync(cancellationToken);
    }
}
