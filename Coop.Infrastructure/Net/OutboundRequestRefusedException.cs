namespace Coop.Infrastructure.Net;

/// <summary>An outbound request was refused by the outbound policy before anything was sent.</summary>
public sealed class OutboundRequestRefusedException : Exception
{
    public OutboundRequestRefusedException()
        : this("The outbound request was refused.")
    {
    }

    public OutboundRequestRefusedException(string message)
        : base(message)
    {
    }

    public OutboundRequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal inside an exception chain (SocketsHttpHandler wraps what the connect callback throws).</summary>
    public static OutboundRequestRefusedException? FindIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundRequestRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
