namespace Coop.Web.Application;

/// <summary>
/// Declares the permission a command or query needs. The authorization decorator checks it on every
/// call, wherever the call comes from (a page, an event handler, an API endpoint, a job).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}

/// <summary>Marks a command or query that deliberately needs no signed-in user (first-run setup, CLI).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowAnonymousUseAttribute : Attribute;

/// <summary>Marks a command or query that any signed-in user may run (their own preferences, for example).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequiresSignedInUserAttribute : Attribute;
