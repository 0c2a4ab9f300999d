namespace Coop.Web.Api;

/// <summary>The error type URIs of Coop 1.0's API (server/utils/errors.ts).</summary>
public static class ApiErrorTypes
{
    public const string InvalidUserInput = "/errors/invalid-user-input";
    public const string UnrecognizedContentType = "/errors/unrecognized-content-type";
    public const string ContentInvalidForContentType = "/errors/content-invalid-for-content-type";
    public const string DataInvalidForItemType = "/errors/data-invalid-for-item-type";
    public const string FieldRolesInvalidForItemType = "/errors/field-roles-invalid-for-item-type";
    public const string InvalidMatchingValues = "/errors/invalid-matching-values";
    public const string NotFound = "/errors/not-found";
    public const string Conflict = "/errors/conflict";
    public const string UniqueViolation = "/errors/unique-violation";
    public const string ConcurrentUpdateConflict = "/errors/concurrent-update-conflict";
    public const string InternalServerError = "/errors/internal-server-error";
    public const string AuthenticationFailed = "/errors/authentication-failed-or-missing";
    public const string AuthorizationFailed = "/errors/authorization-failed";
}
