namespace Coop.Infrastructure.Email;

/// <summary>Sends plain-text email to people (not platforms). Callers check <see cref="IsConfigured"/> first.</summary>
public interface IEmailSender
{
    bool IsConfigured { get; }

    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}
