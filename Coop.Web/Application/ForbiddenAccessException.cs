namespace Coop.Web.Application;

/// <summary>Thrown when the current user lacks the permission a use case requires.</summary>
public sealed class ForbiddenAccessException(string message) : Exception(message)
{
    public ForbiddenAccessException()
        : this("You do not have permission to do this.")
    {
    }

    public ForbiddenAccessException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}
