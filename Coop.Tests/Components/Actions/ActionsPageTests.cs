using Bunit;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Components.Actions;

[Trait("Category", "Component")]
public sealed class ActionsPageTests : CoopComponentTest
{
    private const string Secret = "Bearer never-show-me-again";
    private readonly FakeActions store = new();

    public ActionsPageTests()
    {
        SignInWith(Permissions.ManageOrg);
        Services.AddSingleton<IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>>>(store);
        Services.AddSingleton<IQueryHandler<ListActionItemTypesQuery, IReadOnlyList<ItemTypeOption>>>(store);
        Services.AddSingleton<ICommandHandler<CreateActionCommand, ActionView>>(store);
        Services.AddSingleton<ICommandHandler<UpdateActionCommand, ActionView>>(store);
        Services.AddSingleton<ICommandHandler<DeleteActionCommand, bool>>(store);
    }

    [Fact]
    public void The_form_explains_a_bad_url_and_bad_json_before_saving()
    {
        var cut = Render<ActionsPage>();
        cut.Find("[data-testid=action-new]").Click();

        cut.Find("input[data-testid=action-callback-url]").Input("ftp://platform.example");
        cut.Find("textarea[data-testid=action-body]").Input("{ \"queue\": ");

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Enter an absolute http:// or https:// URL.", cut.Markup, StringComparison.Ordinal);
            Assert.Contains("The body is not valid JSON", cut.Markup, StringComparison.Ordinal);
            Assert.True(cut.Find("[data-testid=action-save]").HasAttribute("disabled"));
        });
    }

    [Fact]
    public void A_header_value_is_never_rendered_again_after_saving()
    {
        var cut = Render<ActionsPage>();
        cut.Find("[data-testid=action-new]").Click();
        cut.Find("input[data-testid=action-name]").Change("Ban user");
        cut.Find("input[data-testid=action-callback-url]").Input("https://platform.example/ban");
        cut.Find("[data-testid=header-add]").Click();
        cut.Find("input[data-testid=header-name-0]").Input("Authorization");
        cut.Find("input[data-testid=header-value-0]").Input(Secret);
        Assert.Equal("password", cut.Find("input[data-testid=header-value-0]").GetAttribute("type"));

        cut.Find("[data-testid=action-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=action-row-a1]")));
        Assert.Equal(Secret, store.SavedHeaderValues.Single());
        Assert.DoesNotContain(Secret, cut.Markup, StringComparison.Ordinal);
        Assert.Equal("platform.example", cut.Find("[data-testid=action-host-a1]").TextContent);

        cut.Find("[data-testid=action-edit-a1]").Click();
        Assert.Equal("••••", cut.Find("[data-testid=header-value-hidden-0]").TextContent);
        Assert.Empty(cut.FindAll("input[data-testid=header-value-0]"));
        Assert.DoesNotContain(Secret, cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-testid=action-save]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=action-form]")));
        Assert.Null(store.LastUpdate!.Details.Headers.Single().Value);
    }

    [Fact]
    public void The_form_offers_the_organizations_item_types_and_says_so_when_there_are_none()
    {
        var empty = Render<ActionsPage>();
        empty.Find("[data-testid=action-new]").Click();
        Assert.NotNull(empty.Find("[data-testid=action-no-item-types]"));
        Assert.Empty(empty.FindAll("[data-testid=action-item-types]"));

        store.ItemTypes.Add(new ItemTypeOption("post", "Post", "CONTENT"));
        var cut = Render<ActionsPage>();
        cut.Find("[data-testid=action-new]").Click();
        Assert.Empty(cut.FindAll("[data-testid=action-no-item-types]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=action-item-types]"));
    }

    [Fact]
    public void The_delivery_log_has_its_own_tab() =>
        Assert.Contains("Delivery log", Render<ActionsPage>().Markup, StringComparison.Ordinal);

    private sealed class FakeActions :
        IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>>, IQueryHandler<ListActionItemTypesQuery, IReadOnlyList<ItemTypeOption>>,
        ICommandHandler<CreateActionCommand, ActionView>, ICommandHandler<UpdateActionCommand, ActionView>, ICommandHandler<DeleteActionCommand, bool>
    {
        private readonly List<ActionView> actions = [];

        public List<string?> SavedHeaderValues { get; } = [];

        public List<ItemTypeOption> ItemTypes { get; } = [];

        public UpdateActionCommand? LastUpdate { get; private set; }

        public Task<IReadOnlyList<ActionView>> HandleAsync(ListActionsQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ActionView>>([.. actions]);

        public Task<IReadOnlyList<ItemTypeOption>> HandleAsync(ListActionItemTypesQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ItemTypeOption>>([.. ItemTypes]);

        public Task<ActionView> HandleAsync(CreateActionCommand command, CancellationToken cancellationToken = default)
        {
            SavedHeaderValues.AddRange(command.Details.Headers.Select(h => h.Value));
            var view = new ActionView($"a{actions.Count + 1}", command.Details.Name, null, ActionType.CustomAction, [], [], command.Details.CallbackUrl,
                [.. command.Details.Headers.Select(h => h.Name)], null, false, default);
            actions.Add(view);
            return Task.FromResult(view);
        }

        public Task<ActionView> HandleAsync(UpdateActionCommand command, CancellationToken cancellationToken = default)
        {
            LastUpdate = command;
            return Task.FromResult(actions.Single(a => a.Id == command.Id));
        }

        public Task<bool> HandleAsync(DeleteActionCommand command, CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
