namespace Coop.Domain.ItemTypes;

/// <summary>An item type definition broke an invariant; <see cref="Problems"/> lists each reason.</summary>
public sealed class ItemTypeInvalidException : Exception
{
    public ItemTypeInvalidException(IReadOnlyList<ItemTypeProblem> problems)
        : base(string.Join(" ", problems.Select(p => p.Message)))
    {
        Problems = problems;
    }

    public ItemTypeInvalidException()
        : this([new ItemTypeProblem(string.Empty, "The item type is not valid.")])
    {
    }

    public ItemTypeInvalidException(string message)
        : this([new ItemTypeProblem(string.Empty, message)])
    {
    }

    public ItemTypeInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ItemTypeProblem(string.Empty, message)];
    }

    public IReadOnlyList<ItemTypeProblem> Problems { get; }
}
