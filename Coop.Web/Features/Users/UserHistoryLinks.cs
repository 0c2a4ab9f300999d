using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Users;

/// <summary>Where a user's history page is: <c>/users/{typeId}/{id}</c>, both parts URL-encoded.</summary>
public static class UserHistoryLinks
{
    public static string For(string typeId, string id) => $"/users/{Uri.EscapeDataString(typeId)}/{Uri.EscapeDataString(id)}";

    public static string For(ItemIdentifier user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return For(user.TypeId, user.Id);
    }
}
