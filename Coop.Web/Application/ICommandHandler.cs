namespace Coop.Web.Application;

/// <summary>Carries out a command. Implementations are found by Scrutor and wrapped by the authorization decorator.</summary>
public interface ICommandHandler<in TCommand, TResult>
    where TCommand : notnull
{
    Task<TResult> HandleAsync(TCommand command, CancellationToken cancellationToken = default);
}
