namespace Coop.Web.Application;

/// <summary>Answers a query. Implementations are found by Scrutor and wrapped by the authorization decorator.</summary>
public interface IQueryHandler<in TQuery, TResult>
    where TQuery : notnull
{
    Task<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken = default);
}
