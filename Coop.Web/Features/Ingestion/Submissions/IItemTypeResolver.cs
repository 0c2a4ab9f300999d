using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Web.Api;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>What the API needs of item types: find one, and validate and normalize data against it.</summary>
public interface IItemTypeResolver
{
    /// <summary>The type with this id in the organization, at <paramref name="version"/> or its latest revision.</summary>
    Task<ResolvedItemType?> FindAsync(string organizationId, string typeId, string? version, CancellationToken cancellationToken);

    /// <summary>The type with this name (the legacy <c>/content</c> endpoint addresses types by name).</summary>
    Task<ResolvedItemType?> FindByNameAsync(string organizationId, string name, CancellationToken cancellationToken);

    /// <summary>The organization's default USER item type, used for the legacy endpoint's <c>userId</c>.</summary>
    Task<string?> DefaultUserTypeIdAsync(string organizationId, CancellationToken cancellationToken);
}

/// <summary>An item type revision able to validate data.</summary>
public abstract class ResolvedItemType(string id, string name, string kind, string version)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary><c>CONTENT</c>, <c>USER</c> or <c>THREAD</c>.</summary>
    public string Kind { get; } = kind;

    public string Version { get; } = version;

    /// <summary>Validates and normalizes <paramref name="data"/>; errors point below <paramref name="pointer"/>.</summary>
    public abstract ItemDataOutcome Validate(JsonObject data, string schemaVariant, string pointer);
}

/// <summary>Normalized data and its role fields, or the reasons it was refused.</summary>
public sealed record ItemDataOutcome(JsonObject? Data, ItemRoles Roles, IReadOnlyList<ApiError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Data is not null;
}
