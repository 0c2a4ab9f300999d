using System.Linq.Expressions;

namespace Coop.Infrastructure.Persistence;

/// <summary>
/// A filter <c>column IN ('a', 'b', …)</c> over values fixed in code, built once as an inline array of constants.
/// </summary>
/// <remarks>
/// A captured array or list (<c>values.Contains(c.Column)</c>) is a parameterized collection, sent as one parameter (see
/// <see cref="DatabaseSetup"/>): right for values known only at run time, but the database cannot plan around values it
/// has not seen. <c>EF.Constant(values)</c> inlines them, but EF Core 10 then builds the command's SQL again on every
/// execution (it does not cache a command whose text depends on parameter values). An inline array of constants is part of
/// the query's shape: translated to <c>IN ('a', 'b')</c> once and cached with it.
/// </remarks>
public static class ConstantIn
{
    /// <summary>The predicate <paramref name="column"/> ∈ <paramref name="values"/>, with the values as SQL constants.</summary>
    public static Expression<Func<T, bool>> Filter<T>(Expression<Func<T, string>> column, params IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(values);
        var array = Expression.NewArrayInit(typeof(string), values.Select(v => Expression.Constant(v, typeof(string))));
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], array, column.Body);
        return Expression.Lambda<Func<T, bool>>(contains, column.Parameters);
    }
}
