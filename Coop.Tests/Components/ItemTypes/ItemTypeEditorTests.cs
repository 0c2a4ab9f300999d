using Bunit;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Ingestion.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Coop.Tests.Components.ItemTypes;

[Trait("Category", "Component")]
public sealed class ItemTypeEditorTests : CoopComponentTest
{
    private readonly DomainCheckingHandler handler = new();

    public ItemTypeEditorTests()
    {
        Services.AddSingleton<ICommandHandler<CreateItemTypeCommand, ItemTypeDetails>>(handler);
        Services.AddSingleton<ICommandHandler<UpdateItemTypeCommand, ItemTypeDetails>>(handler);
        SignInWith(Permissions.ManageOrg);
    }

    [Fact]
    public void A_new_type_starts_as_content_with_a_required_text_field_and_the_content_roles()
    {
        var cut = Render<ItemTypeEditor>(p => p.Add(e => e.Model, ItemTypeEditorModel.New()));

        Assert.Equal("text", cut.Find("[data-testid=field-name-0]").GetAttribute("value"));
        Assert.Equal(["createdAt", "creatorId", "displayName", "ipAddress", "isDeleted", "parentId", "threadId"], RoleSelects(cut).Order(StringComparer.Ordinal));
        Assert.Equal("Create item type", cut.Find("[data-testid=item-type-save]").TextContent.Trim());
    }

    [Fact]
    public void Switching_to_user_offers_the_user_roles_and_drops_the_creator()
    {
        var model = ItemTypeEditorModel.New();
        var cut = Render<ItemTypeEditor>(p => p.Add(e => e.Model, model));

        cut.Find("[data-testid=kind-USER]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            ["backgroundImage", "createdAt", "displayName", "email", "ipAddress", "isDeleted", "profileIcon"], RoleSelects(cut).Order(StringComparer.Ordinal)));
        Assert.Equal(ItemTypeKind.User, model.Kind);
    }

    [Fact]
    public void Role_choices_list_only_single_fields_of_the_role_type()
    {
        var popovers = Render<MudPopoverProvider>();
        var model = ItemTypeEditorModel.New();
        model.Fields.Add(new FieldRow { Name = "author", Type = ScalarType.RelatedItem });
        model.Fields.Add(new FieldRow { Name = "mentions", Type = ScalarType.RelatedItem, Container = ContainerType.Array });
        model.Fields.Add(new FieldRow { Name = "owner", Type = ScalarType.UserId });
        model.Fields.Add(new FieldRow { Name = "editor", Type = ScalarType.RelatedItem });
        var cut = Render<ItemTypeEditor>(p => p.Add(e => e.Model, model));

        cut.Find("[data-testid=role-creatorId]").Closest(".mud-select")!.MouseDown();

        popovers.WaitForAssertion(() => Assert.Equal(["(none)", "author", "editor"],
            popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())));
        Assert.Equal(["text"], model.CandidatesFor(ItemTypeRole.DisplayName).Select(r => r.Name));
        Assert.Empty(model.CandidatesFor(ItemTypeRole.CreatedAt));
    }

    [Fact]
    public void Changing_a_field_type_drops_a_role_it_no_longer_fits()
    {
        var model = ItemTypeEditorModel.New();
        var author = model.AddField();
        author.Name = "author";
        author.Type = ScalarType.RelatedItem;
        model.AssignRole(ItemTypeRole.CreatorId, author.Key);
        Assert.Equal("author", model.Roles().CreatorId);

        author.Type = ScalarType.String;
        model.Prune();

        Assert.Null(model.Roles().CreatorId);
    }

    [Fact]
    public void Refusals_are_shown_beside_the_inputs_they_concern()
    {
        var model = ItemTypeEditorModel.New();
        model.Fields.Add(new FieldRow { Name = "text", Type = ScalarType.Number });
        var cut = Render<ItemTypeEditor>(p => p.Add(e => e.Model, model));

        cut.Find("[data-testid=item-type-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("An item type needs a name.", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("The field name 'text' appears more than once.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=item-type-errors]"));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void Refusals_without_an_input_of_their_own_are_listed_on_top()
    {
        handler.Refusal = new ValidationFailedException(string.Empty, "Someone else changed this item type meanwhile.");
        var cut = Render<ItemTypeEditor>(p => p.Add(e => e.Model, ItemTypeEditorModel.New()));
        cut.Find("[data-testid=item-type-name]").Input("Post");

        cut.Find("[data-testid=item-type-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Someone else changed", cut.Find("[data-testid=item-type-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_type_is_saved_with_role_and_hidden_field_names()
    {
        ItemTypeDetails? saved = null;
        var model = ItemTypeEditorModel.New();
        var author = model.AddField();
        author.Name = "author";
        author.Type = ScalarType.RelatedItem;
        author.Hidden = true;
        model.AssignRole(ItemTypeRole.CreatorId, author.Key);
        var cut = Render<ItemTypeEditor>(p => p.Add(e => e.Model, model).Add(e => e.OnSaved, d => saved = d));
        cut.Find("[data-testid=item-type-name]").Input("Post");

        cut.Find("[data-testid=item-type-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal("Post", saved!.Name);
        Assert.Equal("author", saved.Schema.Roles.CreatorId);
        Assert.Equal(["author"], saved.Schema.HiddenFields);
    }

    private static IEnumerable<string> RoleSelects(IRenderedComponent<ItemTypeEditor> cut) =>
        cut.FindAll("[data-testid^=role-]").Select(e => e.GetAttribute("data-testid")!["role-".Length..]);

    /// <summary>Refuses or accepts exactly as the real handlers' domain checks do, without a database.</summary>
    private sealed class DomainCheckingHandler
        : ICommandHandler<CreateItemTypeCommand, ItemTypeDetails>, ICommandHandler<UpdateItemTypeCommand, ItemTypeDetails>
    {
        public int Calls { get; private set; }

        public ValidationFailedException? Refusal { get; set; }

        public Task<ItemTypeDetails> HandleAsync(CreateItemTypeCommand command, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Refusal is not null)
            {
                throw Refusal;
            }

            try
            {
                var (itemType, _) = ItemType.Create("org", command.Name, command.Description,
                    new ItemTypeSchema(command.Kind, command.Fields, command.Roles, command.HiddenFields), DateTime.UnixEpoch, "test");
                return Task.FromResult(ItemTypeDetails.From(itemType, 1));
            }
            catch (ItemTypeInvalidException ex)
            {
                throw ItemTypeActor.ToValidationFailure(ex);
            }
        }

        public Task<ItemTypeDetails> HandleAsync(UpdateItemTypeCommand command, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
