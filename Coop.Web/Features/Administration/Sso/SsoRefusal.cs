namespace Coop.Web.Features.Administration.Sso;

/// <summary>Why a single sign-on was refused; the sign-in page shows <see cref="SsoRefusals.Message"/>.</summary>
public enum SsoRefusal
{
    Failed,
    Disabled,
    EmailMissing,
    EmailUnverified,
    DomainNotAllowed,
    Deactivated,
    OtherOrganization,
    NoDefaultRole,
}

public static class SsoRefusals
{
    public static string Code(this SsoRefusal refusal) => refusal switch
    {
        SsoRefusal.Disabled => "disabled",
        SsoRefusal.EmailMissing => "email-missing",
        SsoRefusal.EmailUnverified => "email-unverified",
        SsoRefusal.DomainNotAllowed => "domain",
        SsoRefusal.Deactivated => "deactivated",
        SsoRefusal.OtherOrganization => "other-organization",
        SsoRefusal.NoDefaultRole => "no-role",
        _ => "failed",
    };

    /// <summary>The message for a <c>?sso=</c> code on the sign-in page; null for an unknown code.</summary>
    public static string? Message(string? code) => code switch
    {
        null or "" => null,
        "disabled" => "Single sign-on is not enabled for this organization. Sign in with your email and password, or ask an administrator.",
        "email-missing" => "Your identity provider did not send an email address, so Coop cannot tell who you are. Ask an administrator to add the email claim.",
        "email-unverified" => "Your identity provider did not confirm that your email address is verified, so Coop cannot sign you in with it.",
        "domain" => "Your email domain is not allowed to sign in to this organization. Ask an administrator to add it or invite you.",
        "deactivated" => "Your Coop account is deactivated or locked. Ask an administrator.",
        "other-organization" => "Your email belongs to a Coop account in another organization.",
        "no-role" => "Single sign-on has no default role for new users. Ask an administrator to choose one.",
        "failed" => "Single sign-on did not complete. Try again, or ask an administrator to check the configuration.",
        _ => null,
    };
}
