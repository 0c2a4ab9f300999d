namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>
/// A classifier call that failed in a way that counts against the circuit breaker (no answer, timeout, an error
/// status, a body that is not JSON). Its message is shown in traces: it never holds a secret.
/// </summary>
public sealed class ClassifierCallException : Exception
{
    public ClassifierCallException()
    {
    }

    public ClassifierCallException(string message)
        : base(message)
    {
    }

    public ClassifierCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
