using System.Security.Cryptography;

namespace Coop.Domain.Common;

/// <summary>Short, URL-safe, random identifiers in the style of Coop 1.0's ids (lower-case hex).</summary>
public static class Ids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
